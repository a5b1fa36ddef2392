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
import org.apache.calcite.avatica.proto.Common.WireMessage;
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
    final Message message;
    try {
      message = (Message) SERIALIZE.invoke(response);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IOException(e);
    }
    final ByteString name = NAMES.get(message.getClass());
    final int size = message.getSerializedSize();
    final byte[] out = new byte[CodedOutputStream.computeBytesSize(WireMessage.NAME_FIELD_NUMBER, name)
        + CodedOutputStream.computeTagSize(WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER)
        + CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    final CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.writeBytes(WireMessage.NAME_FIELD_NUMBER, name);
    stream.writeTag(WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    stream.writeUInt32NoTag(size);
    message.writeTo(stream);
    stream.checkNoSpaceLeft();
    return out;
  }
}
