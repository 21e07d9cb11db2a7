package twisted.demo.chapter2;

import org.jspecify.annotations.Nullable;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.cluster.Cluster;

/**
 * The {@code chat} service: the book's chat server ({@link ChatFactory}), one room on every node
 * when the application runs on a {@link Cluster} ({@code twisted.cluster.redis.enabled}).
 */
public final class ChatServiceMaker implements ServiceMaker<ServiceMaker.NoOptions> {

    private final @Nullable Cluster cluster;

    /** The chat on this node only. */
    public ChatServiceMaker() {
        this(null);
    }

    /**
     * The chat on a cluster's nodes.
     *
     * @param cluster the cluster, or {@code null} for this node only
     */
    public ChatServiceMaker(@Nullable Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String getName() {
        return "chat";
    }

    @Override
    public String getDescription() {
        return "Chat server (chapter 2): a room where every line goes to everyone else";
    }

    @Override
    public Class<NoOptions> getOptionsType() {
        return NoOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8023";
    }

    @Override
    public Service makeService(ServiceMakerContext context, NoOptions options) {
        ChatFactory factory = new ChatFactory(new ChatRoom(this.cluster));
        factory.setNoisy(false);
        return context.listen(factory);
    }
}
