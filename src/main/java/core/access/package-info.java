/**
 * Who may call and how much: API keys and what they may use, token-bucket rate limits, and the budget of log lines
 * clients may cause.
 */
package core.access;
