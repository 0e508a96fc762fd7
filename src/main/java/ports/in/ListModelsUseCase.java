package ports.in;

import java.util.List;

import core.fleet.ModelEntry;

/** The fleet's installed models, each once, newest first (what {@code /api/tags} serves). Non-blocking. */
public interface ListModelsUseCase {

    List<ModelEntry> listModels();
}
