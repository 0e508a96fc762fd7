/**
 * {@code @ConfigMapping} interfaces for config.yaml and the enums that name adapters; read by every adapter. The
 * defaults declared here are the only source of each default ({@code ConfigReferenceTest}).
 */
package adapters.config;
