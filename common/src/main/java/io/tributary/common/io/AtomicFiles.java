package io.tributary.common.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file writes that a crash never leaves half done. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} through a temporary sibling file that is fsynced and
   * then renamed over the target; the directory is fsynced too, so after a crash the file holds
   * either the old or the new content.
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  /** Fsyncs a directory so that renames and deletions in it survive a crash. */
  public static void syncDirectory(Path dir) {
    try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
      dirChannel.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot fsync a directory; the rename itself is still atomic.
    }
  }
}
