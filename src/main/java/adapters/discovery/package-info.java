/**
 * Where nodes come from: config.yaml's static list and its checks, and the credentials Drover sends to nodes.
 */
package adapters.discovery;
