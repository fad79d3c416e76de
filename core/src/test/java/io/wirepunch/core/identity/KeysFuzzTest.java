package io.wirepunch.core.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for decoding remote public keys: only {@link InvalidKeyException} may escape, and a
 * key that decodes must re-marshal to a key equal to itself. Regression inputs live under
 * KeysFuzzTestInputs/ and run in every plain test run.
 */
class KeysFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void unmarshalPublic(byte[] input) {
        PublicKey key;
        try {
            key = Keys.unmarshalPublic(input);
        } catch (InvalidKeyException expected) {
            return;
        }
        if (!Keys.unmarshalPublic(key.marshal()).equals(key)) {
            throw new AssertionError("re-marshalled key differs from " + key);
        }
        PeerId id = key.peerId();
        if (!PeerId.fromBytes(id.toBytes()).equals(id) || !PeerId.parse(id.toCid()).equals(id)) {
            throw new AssertionError("PeerId does not round-trip for " + key);
        }
        key.verify(new byte[] {1, 2, 3}, input);
    }
}
