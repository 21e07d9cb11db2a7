package twisted.mail.maildir;

import org.junit.jupiter.api.Test;
import twisted.mail.FolderException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FolderNamesTests {

    @Test
    void inboxInAnyCaseIsInboxAlsoAsTheFirstLevel() throws Exception {
        assertThat(FolderNames.canonical("inbox")).isEqualTo("INBOX");
        assertThat(FolderNames.canonical("Inbox.Later")).isEqualTo("INBOX.Later");
        assertThat(FolderNames.canonical("Inboxes")).isEqualTo("Inboxes");
        assertThat(FolderNames.directoryOf("INBOX")).isEmpty();
        assertThat(FolderNames.directoryOf("INBOX.Later")).isEqualTo(".INBOX.Later");
    }

    @Test
    void directoriesThatAreNotFoldersAreNotListed() {
        assertThat(FolderNames.nameOf(".Sent")).isEqualTo("Sent");
        assertThat(FolderNames.nameOf(".&AMU-")).isEqualTo("Å");
        for (String directory : new String[] { ".", "..", "cur", "..deleted-1.M1P1Q1.host", ".&AMU", ".é", ".a..b",
                ".INBOX" }) {
            assertThat(FolderNames.nameOf(directory)).as(directory).isNull();
        }
    }

    @Test
    void aNameLongerThanADirectoryNameIsRefused() {
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> FolderNames.canonical("é".repeat(100)))
                .withMessageContaining("longer");
    }

    @Test
    void subscriptionLinesSeparateLevelsWithTabs() {
        assertThat(FolderNames.subscriptionForm("Archive.2024")).isEqualTo("Archive\t2024");
        assertThat(FolderNames.fromSubscriptionForm("&AMU- r&AOk-sum&AOk-&-x")).isEqualTo("Å résumé&x");
        assertThat(FolderNames.fromSubscriptionForm("a\t\tb")).isNull();
    }
}
