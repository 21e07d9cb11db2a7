package twisted.cluster;

/**
 * A message from another node.
 *
 * @param topic the topic it was published on
 * @param origin the id of the node that published it
 * @param body the message
 * @since 0.1.0
 */
public record ClusterMessage(String topic, String origin, String body) {
}
