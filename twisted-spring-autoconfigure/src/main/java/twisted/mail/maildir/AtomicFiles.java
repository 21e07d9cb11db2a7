package twisted.mail.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** Replaces small files whole: written beside, forced, renamed over, directory forced. Blocking. */
final class AtomicFiles {

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    static void write(Path file, byte[] content) throws IOException {
        Path directory = file.getParent();
        Path temporary = directory.resolve(file.getFileName() + ".tmp" + ProcessHandle.current().pid() + "."
                + COUNTER.incrementAndGet());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer data = ByteBuffer.wrap(content);
            while (data.hasRemaining()) {
                channel.write(data);
            }
            channel.force(true);
        }
        catch (IOException ex) {
            Files.deleteIfExists(temporary);
            throw ex;
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Maildir.fsyncDirectory(directory);
    }
}
