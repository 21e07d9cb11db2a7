package twisted.mail.maildir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UidListTests {

    @TempDir
    Path folder;

    @Test
    void readsWhatDovecotWroteKeepingItsExtensionFields() throws Exception {
        // written by Dovecot 2.3.19.1 (doveadm save twice), plus an extension field and a flagged name
        Files.writeString(this.folder.resolve("dovecot-uidlist"), """
                3 V1796225560 N4 Ge77cd30f163a106b6062000083ecc375
                1 :1796225558.M528421P25187.vm,S=17,W=20
                2 :1796225558.M618599P25188.vm,S=17,W=20
                3 W20 S17 :1796225559.M1P1.vm:2,S
                """);

        UidList list = UidList.read(this.folder);

        assertThat(list).isEqualTo(new UidList(1796225560L, 4, "e77cd30f163a106b6062000083ecc375", List.of(
                new UidList.Entry(1, "", "1796225558.M528421P25187.vm,S=17,W=20"),
                new UidList.Entry(2, "", "1796225558.M618599P25188.vm,S=17,W=20"),
                new UidList.Entry(3, "W20 S17", "1796225559.M1P1.vm"))));
    }

    @Test
    void writesVersionThreeAndReadsItBack() throws Exception {
        UidList list = new UidList(1700000000L, 8, "0123456789abcdef0123456789abcdef",
                List.of(new UidList.Entry(3, "", "a.M1P2Q3.host"), new UidList.Entry(7, "W9", "b.M1P2Q4.host")));

        list.write(this.folder);

        assertThat(Files.readString(this.folder.resolve("dovecot-uidlist"))).isEqualTo("""
                3 V1700000000 N8 G0123456789abcdef0123456789abcdef
                3 :a.M1P2Q3.host
                7 W9 :b.M1P2Q4.host
                """);
        assertThat(UidList.read(this.folder)).isEqualTo(list);
        try (var files = Files.list(this.folder)) {
            assertThat(files).hasSize(1); // the temporary file was renamed over it
        }
    }

    @Test
    void damagedLinesAreSkippedAndNextUidStaysAboveEveryUid() throws Exception {
        Files.writeString(this.folder.resolve("dovecot-uidlist"), """
                3 V5 N2 Gx
                garbage
                4 :d
                3 :c-out-of-order
                x :bad-uid
                9 no-colon
                """);

        UidList list = UidList.read(this.folder);

        assertThat(list.entries()).containsExactly(new UidList.Entry(4, "", "d"));
        assertThat(list.nextUid()).isEqualTo(5);
    }

    @Test
    void otherVersionsAndAMissingFileAreNoList() throws Exception {
        assertThat(UidList.read(this.folder)).isNull();
        Files.writeString(this.folder.resolve("dovecot-uidlist"), "1 1700000000 3\n1 a\n");
        assertThat(UidList.read(this.folder)).isNull();
    }
}
