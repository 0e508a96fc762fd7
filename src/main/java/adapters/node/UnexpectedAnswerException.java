package adapters.node;

/**
 * The node answered, but not as the protocol it was asked in would: a non-200 status or a body of the wrong shape.
 * Unlike a refused or timed-out connection, it says something about what the node is.
 */
final class UnexpectedAnswerException extends IllegalStateException {

    UnexpectedAnswerException(String message) {
        super(message);
    }
}
