package twisted.words.irc;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ISUPPORT tokens, with the RFC 1459 defaults before any arrive. */
class ServerSupportedFeaturesTests {

    @Test
    void defaultsAreRfc1459() {
        ServerSupportedFeatures features = new ServerSupportedFeatures();
        assertThat(features.caseMapping()).isEqualTo(CaseMapping.RFC1459);
        assertThat(features.chanTypes()).isEqualTo("#&");
        assertThat(features.prefix()).containsExactly(Map.entry('o', '@'), Map.entry('v', '+'));
        assertThat(features.nickLength()).isEqualTo(9);
        assertThat(features.network()).isNull();
        assertThat(features.isChannel("#a")).isTrue();
        assertThat(features.isChannel("nick")).isFalse();
    }

    @Test
    void tokensSetReplaceAndWithdrawFeatures() {
        ServerSupportedFeatures features = new ServerSupportedFeatures();
        features.parse(List.of("NETWORK=Example\\x20Net", "CASEMAPPING=strict-rfc1459", "NICKLEN=31", "excepts", "CHANTYPES=",
                "PREFIX=(qov)~@+", "CHANMODES=beI,k,l"));
        assertThat(features.network()).isEqualTo("Example Net");
        assertThat(features.caseMapping()).isEqualTo(CaseMapping.STRICT_RFC1459);
        assertThat(features.nickLength()).isEqualTo(31);
        assertThat(features.getFeature("EXCEPTS")).isEqualTo("");
        assertThat(features.hasFeature("excepts")).isTrue();
        assertThat(features.isChannel("#a")).isFalse();
        assertThat(features.prefix()).containsKeys('q', 'o', 'v');
        assertThat(features.chanModes()).containsExactly("beI", "k", "l", "");
        features.parse(List.of("-EXCEPTS", "-NICKLEN", "NICKLEN=bad"));
        assertThat(features.hasFeature("EXCEPTS")).isFalse();
        assertThat(features.nickLength()).isEqualTo(9);
    }
}
