package dev.switchboard.app;

import dev.switchboard.platform.database.Database;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Pieces of the real EAR, for the archives Arquillian deploys beside it. */
final class TestArchives {

  private TestArchives() {}

  /** The platform library as built (a jar, or its classes folder inside a reactor build). */
  static JavaArchive platformLibrary() {
    Path location = codeSource(Database.class);
    if (Files.isDirectory(location)) {
      return ShrinkWrap.create(JavaArchive.class, "switchboard-platform.jar")
          .as(ExplodedImporter.class)
          .importDirectory(location.toFile())
          .as(JavaArchive.class);
    }
    return ShrinkWrap.create(ZipImporter.class, "switchboard-platform.jar")
        .importFrom(location.toFile())
        .as(JavaArchive.class);
  }

  /** Adds the platform library and its third-party libraries (Flyway) as the EAR has them. */
  static WebArchive withPlatform(WebArchive war) {
    war.addAsLibrary(platformLibrary());
    Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(p -> p.getFileName().toString().startsWith("flyway-"))
        .forEach(jar -> war.addAsLibrary(jar.toFile()));
    return war;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
