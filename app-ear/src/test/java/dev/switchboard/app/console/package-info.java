/** Page objects for the console's browser tests: one class per page, named after what it shows. */
package dev.switchboard.app.console;
