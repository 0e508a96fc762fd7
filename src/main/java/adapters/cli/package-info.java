/**
 * The command line (picocli): {@code serve}, {@code demo}, {@code config check}, {@code token}, {@code agent},
 * {@code sim}, and the launcher that resolves config before Quarkus starts. May see every adapter.
 */
package adapters.cli;
