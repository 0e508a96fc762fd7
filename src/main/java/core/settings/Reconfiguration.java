package core.settings;

import java.util.ArrayList;
import java.util.List;

import core.access.Authorization;
import core.fleet.FleetMembership;
import core.fleet.NodeConflictException;
import core.routing.RequestRouter;
import ports.in.ReloadConfigUseCase;
import ports.out.ReloadObserver;
import ports.out.SettingsSource;

/**
 * Applies a configuration read again, whole or not at all: everything is read and checked first (an invalid file, a
 * change that needs a restart or a node name taken by another origin changes nothing), then the nodes are reconciled,
 * the keys, rate limits, balancer, model routes and retries put in place, and the source applies what is its own
 * (the engine's timeouts). A request under way keeps the node, key decision and balancer it got.
 * One reload at a time.
 */
public final class Reconfiguration implements ReloadConfigUseCase {

    private final SettingsSource source;
    private final FleetMembership membership;
    private final Authorization access;
    private final RequestRouter router;
    private final ReloadObserver observer;

    public Reconfiguration(SettingsSource source, FleetMembership membership, Authorization access,
            RequestRouter router, ReloadObserver observer) {
        this.source = source;
        this.membership = membership;
        this.access = access;
        this.router = router;
        this.observer = observer;
    }

    @Override
    public synchronized ReloadOutcome reload(String trigger) {
        ReloadOutcome outcome = attempt(trigger);
        observer.reloaded(outcome);
        return outcome;
    }

    private ReloadOutcome attempt(String trigger) {
        Settings settings;
        try {
            settings = source.read();
            membership.checkConfigured(settings.nodes());
        } catch (InvalidSettingsException e) {
            return ReloadOutcome.refused(ReloadOutcome.Result.INVALID, trigger, e.getMessage());
        } catch (RestartRequiredException | NodeConflictException e) {
            return ReloadOutcome.refused(ReloadOutcome.Result.REFUSED, trigger, e.getMessage());
        }
        List<String> changes = new ArrayList<>(membership.reconcile(settings.nodes()));
        changes.addAll(access.replace(settings.clients(), settings.admins(), settings.globalLimit(),
                settings.addressLimit()));
        changes.addAll(router.reconfigure(settings.selector(), settings.balancer(), settings.routes(),
                settings.retries()));
        changes.addAll(source.applied());
        return new ReloadOutcome(changes.isEmpty() ? ReloadOutcome.Result.UNCHANGED : ReloadOutcome.Result.APPLIED,
                trigger, changes, null);
    }
}
