package ports.in;

import core.journal.Activity;

/** What the fleet has been doing lately (dashboard): counts per second and per model, recent decisions and errors. Non-blocking. */
public interface ReviewActivityUseCase {

    Activity recent();
}
