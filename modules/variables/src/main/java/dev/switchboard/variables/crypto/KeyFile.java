package dev.switchboard.variables.crypto;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads and creates master key files; the contents never reach a message or the log. */
final class KeyFile {

  private static final System.Logger LOG = System.getLogger(KeyFile.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  static String read(Path file) {
    try {
      warnIfOthersMayRead(file);
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KeyRingException("Master key file " + file + " does not exist");
    } catch (IOException e) {
      throw new KeyRingException(
          "Master key file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  static void createOwnerOnly(Path file, String content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // created owner-only from the start, so the key is never readable by others, even briefly
      if (supportsPosix(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        LOG.log(Level.WARNING, "Cannot restrict {0} to its owner: no POSIX permissions", file);
        Files.createFile(file);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new KeyRingException("Master key file " + file + " already exists; not overwritten");
    } catch (IOException e) {
      throw new KeyRingException(
          "Master key file " + file + " cannot be created: " + e.getClass().getSimpleName(), e);
    }
  }

  private static void warnIfOthersMayRead(Path file) throws IOException {
    if (!supportsPosix(file) || !Files.exists(file)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      LOG.log(
          Level.WARNING,
          "Master key file {0} is readable by other users ({1}); make it owner-only (chmod 600)",
          file,
          PosixFilePermissions.toString(permissions));
    }
  }

  private static boolean supportsPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
