package dev.switchboard.client.wire;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The gateway's OpenAI-compatible API as a MicroProfile Rest Client. Bodies go out as JSON text and
 * come back as a {@link Response} whose entity is read as a stream: a chat answer, an SSE stream
 * read event by event as it arrives, or an error object. The headers carry the call context ({@link
 * ContextHeaders}); the API key goes in a filter ({@link BearerToken}).
 */
@Path("v1")
public interface GatewayApi extends AutoCloseable {

  @POST
  @Path("chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
  Response chatCompletions(
      @HeaderParam(ContextHeaders.FEATURE) String feature,
      @HeaderParam(ContextHeaders.CALLER) String caller,
      @HeaderParam(ContextHeaders.TAGS) String tags,
      String body);

  @POST
  @Path("embeddings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response embeddings(
      @HeaderParam(ContextHeaders.FEATURE) String feature,
      @HeaderParam(ContextHeaders.CALLER) String caller,
      @HeaderParam(ContextHeaders.TAGS) String tags,
      String body);

  @Override
  void close();
}
