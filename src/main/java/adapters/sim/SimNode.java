package adapters.sim;

/** The parts of one simulated node that its request handlers share. */
record SimNode(SimSettings settings, SimFaults faults, SimStats stats, SimModels models) {
}
