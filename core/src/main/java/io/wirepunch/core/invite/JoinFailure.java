package io.wirepunch.core.invite;

/** Why a join did not happen, each with the sentence a person sees. */
public enum JoinFailure {
    /** The inviter holds no invitation with that id: withdrawn, pruned, or made by someone else. */
    UNKNOWN_INVITATION("the inviter does not know that invitation: it was withdrawn, or another peer made it"),
    /** The joiner's MAC does not match: it does not hold the invitation's secret. */
    WRONG_PROOF("the inviter refused the proof: it does not match that invitation's secret"),
    /** Someone already joined with this invitation. */
    ALREADY_USED("that invitation was already used; ask the inviter for a new one"),
    /** The invitation's time is up. */
    EXPIRED("that invitation has expired; ask the inviter for a new one"),
    /** The inviter could not read what it was sent. */
    BAD_REQUEST("the inviter could not read the join request"),
    /** The inviter could not record that the invitation was used, so it did not accept it. */
    INTERNAL_ERROR("the inviter could not record the join; try again"),
    /** The answering peer is not the inviter the invitation names. */
    WRONG_PEER("the connection leads to a peer other than the inviter the invitation names"),
    /** The answering peer could not prove it holds the invitation's secret. */
    INVITER_NOT_PROVEN("the peer that answered could not prove it made that invitation"),
    /** An answer that breaks the protocol: malformed, oversize, out of order, or the stream ended early. */
    PROTOCOL_ERROR("the other side broke the invitation protocol"),
    /** No answer in time. */
    TIMEOUT("the other side did not answer in time"),
    /** The invitation stream could not be opened (no such protocol, connection gone). */
    STREAM_FAILED("could not open an invitation stream to the inviter");

    private final String sentence;

    JoinFailure(String sentence) {
        this.sentence = sentence;
    }

    /** One sentence for a person. */
    public String sentence() {
        return sentence;
    }
}
