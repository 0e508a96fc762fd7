/**
 * What happened to requests: the journal finished requests are recorded in, and the history and usage read back
 * from the request log.
 */
package core.journal;
