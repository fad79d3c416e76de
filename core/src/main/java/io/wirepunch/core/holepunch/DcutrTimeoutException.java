package io.wirepunch.core.holepunch;

/** The other end of a DCUtR exchange did not answer in time. */
final class DcutrTimeoutException extends RuntimeException {
    DcutrTimeoutException(String message) {
        super(message, null, false, false);
    }
}
