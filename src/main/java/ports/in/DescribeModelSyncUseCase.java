package ports.in;

import java.util.List;

import core.models.SyncEntry;

/** What the model sync keeps and where it stands, per node and model, for the status page, dashboard and CLI. */
public interface DescribeModelSyncUseCase {

    List<SyncEntry> syncStatus();
}
