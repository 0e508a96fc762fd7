package adapters.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the packaged jar's manifest when there is one. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DroverMain.class.getPackage().getImplementationVersion();
        return new String[]{"drover " + (version == null ? "development build" : version)};
    }
}
