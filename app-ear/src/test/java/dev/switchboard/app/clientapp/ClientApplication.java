package dev.switchboard.app.clientapp;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The second application's REST root: an ordinary Jakarta EE app that uses switchboard-client. */
@ApplicationPath("api")
public class ClientApplication extends Application {}
