package twisted.mail;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FolderHierarchyTests {

    @Test
    void inboxInAnyCaseIsInboxAlsoAsTheFirstLevel() {
        assertThat(FolderHierarchy.canonical("inbox")).isEqualTo("INBOX");
        assertThat(FolderHierarchy.canonical("Inbox.Later")).isEqualTo("INBOX.Later");
        assertThat(FolderHierarchy.canonical("Inboxes")).isEqualTo("Inboxes");
        assertThat(FolderHierarchy.canonical("Archive.inbox")).isEqualTo("Archive.inbox");
        assertThat(FolderHierarchy.isInbox("INBOX")).isTrue();
        assertThat(FolderHierarchy.isInbox("INBOX.Later")).isFalse();
    }

    @Test
    void refusalsNameTheRuleTheNameBreaks() {
        assertThat(FolderHierarchy.refusal("")).isEqualTo("empty");
        for (String name : new String[] { "a/b", "tab\there", "del\u007f", "c1\u0085" }) {
            assertThat(FolderHierarchy.refusal(name)).as(name).isEqualTo("it holds '/' or a control character");
        }
        for (String name : new String[] { ".a", "a.", "a..b" }) {
            assertThat(FolderHierarchy.refusal(name)).as(name).isEqualTo("a level is empty");
        }
        assertThat(FolderHierarchy.refusal("~home")).isEqualTo("it starts with '~'");
        assertThat(FolderHierarchy.refusal("Entwürfe.2024 Q1")).isNull();
    }

    @Test
    void parentsAndSubtrees() {
        assertThat(FolderHierarchy.parentOf("a.b.c")).isEqualTo("a.b");
        assertThat(FolderHierarchy.parentOf("a")).isNull();
        assertThat(FolderHierarchy.isAtOrBelow("a.b", "a")).isTrue();
        assertThat(FolderHierarchy.isAtOrBelow("a", "a")).isTrue();
        assertThat(FolderHierarchy.isAtOrBelow("ab", "a")).as("a prefix is not a parent").isFalse();
    }

    @Test
    void listShowsMissingLevelsAsNoselectAndSpecialUseOnlyOnFoldersThatExist() {
        List<FolderInfo> listed = FolderHierarchy.list(Set.of("INBOX", "Sent", "Trash.Old", "a.b.c"));
        assertThat(listed).extracting(FolderInfo::name)
                .containsExactly("INBOX", "Sent", "Trash", "Trash.Old", "a", "a.b", "a.b.c");
        assertThat(listed).filteredOn(f -> f.name().equals("INBOX")).singleElement()
                .satisfies(f -> assertThat(f.attributes()).containsExactly("\\HasNoChildren"));
        assertThat(listed).filteredOn(f -> f.name().equals("Sent")).singleElement()
                .satisfies(f -> assertThat(f.attributes()).containsExactlyInAnyOrder("\\HasNoChildren", "\\Sent"));
        assertThat(listed).filteredOn(f -> f.name().equals("Trash")).singleElement().as("a level, not a folder")
                .satisfies(f -> assertThat(f.attributes()).containsExactlyInAnyOrder("\\HasChildren", "\\Noselect"));
        assertThat(listed).filteredOn(f -> f.name().equals("a.b")).singleElement()
                .satisfies(f -> assertThat(f.attributes()).containsExactlyInAnyOrder("\\HasChildren", "\\Noselect"));
    }

    @Test
    void aNameThatSortsBetweenAFolderAndItsChildrenIsNotAChild() {
        assertThat(FolderHierarchy.list(Set.of("INBOX", "a", "a!b", "a-c"))).filteredOn(f -> f.name().equals("a"))
                .singleElement().satisfies(f -> assertThat(f.attributes()).containsExactly("\\HasNoChildren"));
        assertThat(FolderHierarchy.list(Set.of("INBOX", "a", "a!b", "a.c"))).filteredOn(f -> f.name().equals("a"))
                .singleElement().satisfies(f -> assertThat(f.attributes()).containsExactly("\\HasChildren"));
    }

    @Test
    void printableCutsLongNamesAndHidesControlCharacters() {
        assertThat(FolderHierarchy.printable("a\u0000b\u0085c\u00e9")).isEqualTo("a?b?c\u00e9");
        assertThat(FolderHierarchy.printable("x".repeat(81))).isEqualTo("x".repeat(80) + "...");
    }
}
