package core.journal;

import java.util.List;

import ports.in.RecordRequestUseCase;
import ports.out.RequestObserver;

/** Passes each finished request to every observer; one that fails does not keep the others from hearing of it. */
public final class RequestJournal implements RecordRequestUseCase {

    private final List<RequestObserver> observers;

    public RequestJournal(List<RequestObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void record(RequestRecord request) {
        for (RequestObserver observer : observers) {
            try {
                observer.finished(request);
            } catch (RuntimeException e) {
                // An observer must not throw (see RequestObserver); if one does, the others still hear of it.
            }
        }
    }
}
