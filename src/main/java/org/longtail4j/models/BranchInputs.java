package org.longtail4j.models;

/**
 * A backbone that can take one input per branch (BBN: the conventional batch for one branch, the
 * reversed batch for the other) as well as a single input that every branch reads.
 */
public interface BranchInputs {

    /** The number of branches, and so of maps returned and of inputs accepted besides a single one. */
    int branchCount();
}
