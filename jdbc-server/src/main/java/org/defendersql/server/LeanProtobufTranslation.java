package org.defendersql.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.proto.Common.WireMessage;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf translation, writing each response once into an array of its exact size: the same bytes as
 * Avatica's own, which writes a response into a growing buffer, copies it out, wraps it, writes it again and copies
 * it out again. For a 256 KB frame that was about 1.5 MB of arrays, some of them over half of G1's 1 MB region
 * (humongous objects, each starting a collection cycle in a small heap).
 */
final class LeanProtobufTranslation extends ProtobufTranslationImpl {
  /** A response message's name in its {@code WireMessage}, as Avatica writes it: the class's binary name. */
  private static final ClassValue<ByteString> NAMES = new ClassValue<>() {
    @Override protected ByteString computeValue(Class<?> type) {
      return ByteString.copyFrom(type.getName(), StandardCharsets.UTF_8);
    }
  };

  /**
   * {@code Service.Response.serialize()}, which Avatica keeps to its package; null if this Avatica has no such
   * method, and its own translation is used.
   */
  private static final MethodHandle SERIALIZE = serialize();

  private static MethodHandle serialize() {
    try {
      return MethodHandles.privateLookupIn(Service.Response.class, MethodHandles.lookup())
          .findVirtual(Service.Response.class, "serialize", MethodType.methodType(Message.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Whether responses are written here, not by Avatica's translation (for tests). */
  static boolean writesDirectly() {
    return SERIALIZE != null;
  }

  @Override public byte[] serializeResponse(Service.Response response) throws IOException {
    if (SERIALIZE == null) {
      return super.serializeResponse(response);
    }
    if (response instanceof Service.FetchResponse fetch && fetch.frame instanceof LeanFrame) {
      return fetch(fetch);
    }
    if (response instanceof Service.ExecuteResponse execute && execute.results != null
        && execute.results.stream().anyMatch(r -> r.firstFrame != null)) {
      return execute(execute);
    }
    final Message message = message(response);
    final Wrapped out = new Wrapped(message, message.getSerializedSize());
    message.writeTo(out.stream);
    return out.done();
  }

  /**
   * A fetch response, its frame written by {@link FrameEncoder} without building its message. The frame is the
   * response's first field, so it goes first, followed by the rest of the response as Avatica writes it: the same
   * bytes as the whole response written at once.
   */
  private static byte[] fetch(Service.FetchResponse fetch) throws IOException {
    final FrameEncoder frame = new FrameEncoder(fetch.frame);
    final Message rest = message(new Service.FetchResponse(null, fetch.missingStatement, fetch.missingResults,
        fetch.rpcMetadata));
    final Wrapped out = new Wrapped(rest, frame.sizeAsField(Responses.FetchResponse.FRAME_FIELD_NUMBER)
        + rest.getSerializedSize());
    frame.writeAsField(out.stream, Responses.FetchResponse.FRAME_FIELD_NUMBER);
    rest.writeTo(out.stream);
    return out.done();
  }

  /**
   * An execute response (a statement's first frame: often all of a dashboard query's rows, and all of a lookup's),
   * each result's first frame written by {@link FrameEncoder} as a {@link LeanFrame}. Avatica's {@code LocalService}
   * copies every first frame into a plain {@code Meta.Frame} of its own, so no {@code LeanFrame} reaches here and
   * Avatica wrote each of its values twice (the second time in the field deprecated since Avatica 1.5). Results are
   * the response's first field, and a result's frame comes between its signature and its update count, so each
   * result is written as the fields Avatica builds before its frame, the frame, and the fields after it.
   */
  private static byte[] execute(Service.ExecuteResponse execute) throws IOException {
    final List<Result> results = new ArrayList<>(execute.results.size());
    int size = 0;
    for (Service.ResultSetResponse r : execute.results) {
      final Result result = new Result(r);
      results.add(result);
      size += FrameEncoder.fieldSize(Responses.ExecuteResponse.RESULTS_FIELD_NUMBER, result.size);
    }
    final Message rest = message(new Service.ExecuteResponse(null, execute.missingStatement, execute.rpcMetadata));
    final Wrapped out = new Wrapped(rest, size + rest.getSerializedSize());
    for (Result result : results) {
      out.stream.writeTag(Responses.ExecuteResponse.RESULTS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.stream.writeUInt32NoTag(result.size);
      result.writeTo(out.stream);
    }
    rest.writeTo(out.stream);
    return out.done();
  }

  /** A result of an execute response: its fields before its first frame, the frame, and its fields after it. */
  private static final class Result {
    private final Message before;
    private final FrameEncoder frame;
    private final Message after;
    final int size;

    Result(Service.ResultSetResponse r) throws IOException {
      if (r.firstFrame != null) {
        final Responses.ResultSetResponse rest = (Responses.ResultSetResponse) message(new Service.ResultSetResponse(
            r.connectionId, r.statementId, r.ownStatement, r.signature, null, r.updateCount, r.rpcMetadata));
        before = rest.toBuilder().clearUpdateCount().clearMetadata().build();
        frame = new FrameEncoder(r.firstFrame);
        after = rest.toBuilder().clearConnectionId().clearStatementId().clearOwnStatement().clearSignature().build();
        size = before.getSerializedSize()
            + frame.sizeAsField(Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER)
            + after.getSerializedSize();
      } else {
        before = message(r);
        frame = null;
        after = null;
        size = before.getSerializedSize();
      }
    }

    void writeTo(CodedOutputStream out) throws IOException {
      before.writeTo(out);
      if (frame != null) {
        frame.writeAsField(out, Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER);
        after.writeTo(out);
      }
    }
  }

  private static Message message(Service.Response response) throws IOException {
    try {
      return (Message) SERIALIZE.invoke(response);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IOException(e);
    }
  }

  /**
   * An array of the exact size of the {@code WireMessage} wrapping a response of {@code message}'s kind and of
   * {@code size} bytes, and a stream over it with the name, the response's tag and its length written.
   */
  private static final class Wrapped {
    final byte[] bytes;
    final CodedOutputStream stream;

    Wrapped(Message message, int size) throws IOException {
      final ByteString name = NAMES.get(message.getClass());
      bytes = new byte[CodedOutputStream.computeBytesSize(WireMessage.NAME_FIELD_NUMBER, name)
          + CodedOutputStream.computeTagSize(WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER)
          + CodedOutputStream.computeUInt32SizeNoTag(size) + size];
      stream = CodedOutputStream.newInstance(bytes);
      stream.writeBytes(WireMessage.NAME_FIELD_NUMBER, name);
      stream.writeTag(WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      stream.writeUInt32NoTag(size);
    }

    /** The bytes, once the response is written: all of them, or an error. */
    byte[] done() {
      stream.checkNoSpaceLeft();
      return bytes;
    }
  }
}
