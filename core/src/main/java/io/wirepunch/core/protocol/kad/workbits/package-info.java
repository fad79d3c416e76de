/**
 * Work bits for private DHTs, after WireHub's {@code workbit}: a peer's work is the number of
 * leading zero bits of BLAKE2b-256(marshalled public key ‖ UTF-8 namespace). A private DHT with
 * a setting of N neither admits to its routing table nor answers a peer whose work is below N,
 * so flooding it with fresh identities costs about 2<sup>N</sup> key derivations per identity.
 *
 * <p>The key bytes hashed are the libp2p-marshalled public key ({@code PublicKey#marshal}), not
 * the raw 32 bytes WireHub hashes: they are the bytes a PeerId is derived from and that every
 * handshake carries, they name the key type (so one raw byte string cannot count as work for two
 * key types), and they exist for every libp2p key type, not only for Curve25519 keys.
 */
package io.wirepunch.core.protocol.kad.workbits;
