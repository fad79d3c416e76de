package io.wirepunch.core.nat;

/** Whether peers on the Internet can dial us, as far as AutoNAT has found out. */
public enum Reachability {
    PUBLIC,
    PRIVATE,
    UNKNOWN
}
