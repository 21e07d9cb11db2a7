package twisted.demo.chapter2;

import org.jspecify.annotations.Nullable;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;

/**
 * The {@code quote} service: the book's quote server ({@link QuoteFactory}). Its one option,
 * {@code twisted.services.quote.options.quote}, is the first quote handed out.
 */
public final class QuoteServiceMaker implements ServiceMaker<QuoteServiceMaker.Options> {

    /**
     * The quote service's options.
     *
     * @param quote the first quote handed out; the book's apple by default
     */
    public record Options(@Nullable String quote) {

        /** Fills in the default. */
        public Options {
            if (quote == null || quote.isBlank()) {
                quote = QuoteFactory.DEFAULT_QUOTE;
            }
        }
    }

    @Override
    public String getName() {
        return "quote";
    }

    @Override
    public String getDescription() {
        return "Quote server (chapter 2): hands each client the previous client's quote";
    }

    @Override
    public Class<Options> getOptionsType() {
        return Options.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8017";
    }

    @Override
    public Service makeService(ServiceMakerContext context, Options options) {
        QuoteFactory factory = new QuoteFactory(options.quote());
        factory.setNoisy(false);
        return context.listen(factory);
    }
}
