package twisted.demo.chapter2;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;

/**
 * The {@code chat} service: the book's chat server ({@link ChatFactory}).
 */
public final class ChatServiceMaker implements ServiceMaker<ServiceMaker.NoOptions> {

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
        ChatFactory factory = new ChatFactory();
        factory.setNoisy(false);
        return context.listen(factory);
    }
}
