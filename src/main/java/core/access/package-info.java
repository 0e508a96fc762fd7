/**
 * Who may call and how much: every access decision ({@code Authorization}: API keys and what they may use, rate limits,
 * admin keys, operations access), who may join the fleet (enrollment tokens), and the budget of log lines clients may
 * cause.
 */
package core.access;
