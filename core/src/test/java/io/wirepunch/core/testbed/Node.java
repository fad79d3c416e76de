package io.wirepunch.core.testbed;

/** A host of the testbed, each its own network namespace. */
public enum Node {
    /** The public switch (a bridge); tests rarely need it. */
    PUBLIC("pub"),
    /** The public host, {@link Testbed#RELAY_IP}. */
    RELAY("relay"),
    ROUTER_A("ra"),
    /** Peer A, {@link Testbed#A_IP}, behind {@link #ROUTER_A}. */
    A("a"),
    ROUTER_B("rb"),
    /** Peer B, {@link Testbed#B_IP}, behind {@link #ROUTER_B}. */
    B("b");

    final String suffix;

    Node(String suffix) {
        this.suffix = suffix;
    }
}
