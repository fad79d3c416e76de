package io.wirepunch.core.crypto.ec;

import java.math.BigInteger;

/** An affine point of a short Weierstrass curve (the point at infinity is never one of these). */
public record EcPoint(BigInteger x, BigInteger y) {}
