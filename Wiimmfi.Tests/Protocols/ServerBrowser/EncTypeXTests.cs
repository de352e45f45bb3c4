using System.Text.Json;
using Wiimmfi.Protocols.ServerBrowser;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.ServerBrowser;

public class EncTypeXTests
{
    public static IEnumerable<object[]> Vectors() =>
        Rows("enctypex", "vectors", (e, _) => e.GetProperty("name").GetString()!);

    private static (string Key, byte[] Client, byte[] Random, byte[] Server) InputsOf(JsonElement vector)
    {
        var inputs = vector.GetProperty("inputs");
        return (inputs.GetProperty("secret_key").GetString()!, Hex(inputs, "client_challenge_hex"),
            Hex(inputs, "header_random_hex"), Hex(inputs, "server_challenge_hex"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encryption_matches_the_known_answer(string name, int index)
    {
        var vector = Element("enctypex", "vectors", index);
        var (key, client, random, server) = InputsOf(vector);
        var encryptor = EncTypeXEncryptor.Create(key, client, random, server);
        var expected = vector.GetProperty("expected");

        if (name == "stream_continues_across_messages")
        {
            var inputs = vector.GetProperty("inputs");
            byte[] first = Hex(inputs, "message1_plaintext_hex");
            byte[] second = Hex(inputs, "message2_plaintext_hex");
            encryptor.Encrypt(first);
            encryptor.Encrypt(second);
            Assert.Equal(expected.GetProperty("header_hex").GetString(), ToHex(encryptor.Header.Span));
            Assert.Equal(expected.GetProperty("message1_ciphertext_hex").GetString(), ToHex(first));
            Assert.Equal(expected.GetProperty("message2_ciphertext_hex").GetString(), ToHex(second));
            return;
        }

        byte[] body = Hex(vector.GetProperty("inputs"), "plaintext_hex");
        encryptor.Encrypt(body);
        Assert.Equal(expected.GetProperty("header_hex").GetString(), ToHex(encryptor.Header.Span));
        Assert.Equal(expected.GetProperty("ciphertext_body_hex").GetString(), ToHex(body));
        Assert.Equal(expected.GetProperty("message_hex").GetString(), ToHex([.. encryptor.Header.Span, .. body]));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Derived_key_and_initial_registers_match_the_known_answer(string name, int index)
    {
        var vector = Element("enctypex", "vectors", index);
        if (!vector.TryGetProperty("intermediate", out var intermediate))
            return; // this vector has no intermediate values; its output is checked by the other theory
        var (key, client, _, server) = InputsOf(vector);

        var derived = new byte[8];
        EncTypeXCipher.DeriveKey(key, client, server, derived);
        Assert.Equal(intermediate.GetProperty("derived_key_hex").GetString(), ToHex(derived));

        if (intermediate.TryGetProperty("initial_state", out var state))
        {
            var registers = new EncTypeXCipher(key, client, server).Registers;
            Assert.Equal(
                (state.GetProperty("rotor").GetInt32(), state.GetProperty("ratchet").GetInt32(),
                 state.GetProperty("avalanche").GetInt32(), state.GetProperty("last_plain").GetInt32(),
                 state.GetProperty("last_cipher").GetInt32()),
                ((int)registers.Rotor, (int)registers.Ratchet, (int)registers.Avalanche,
                 (int)registers.LastPlain, (int)registers.LastCipher));
        }
        Assert.NotEmpty(name);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decryptor_recovers_the_plaintext_even_when_bytes_arrive_one_at_a_time(string name, int index)
    {
        var vector = Element("enctypex", "vectors", index);
        var (key, client, _, _) = InputsOf(vector);
        var expected = vector.GetProperty("expected");
        var inputs = vector.GetProperty("inputs");
        byte[] message;
        byte[] plain;
        if (name == "stream_continues_across_messages")
        {
            message = [.. Hex(expected, "header_hex"), .. Hex(expected, "message1_ciphertext_hex"), .. Hex(expected, "message2_ciphertext_hex")];
            plain = [.. Hex(inputs, "message1_plaintext_hex"), .. Hex(inputs, "message2_plaintext_hex")];
        }
        else
        {
            message = Hex(expected, "message_hex");
            plain = Hex(inputs, "plaintext_hex");
        }

        var decryptor = new EncTypeXDecryptor(key, client);
        var output = new List<byte>();
        var buffer = new byte[1];
        foreach (byte b in message)
        {
            int n = decryptor.Decrypt([b], buffer);
            output.AddRange(buffer[..n]);
        }
        Assert.True(decryptor.HeaderComplete);
        Assert.Equal(0, decryptor.BackendFlags);
        Assert.Equal(plain, output);
    }

    [Fact]
    public void Random_header_round_trips_through_the_decryptor()
    {
        byte[] client = "ABCDEFGH"u8.ToArray();
        var encryptor = EncTypeXEncryptor.Create("9r3Rmy", client);
        Assert.Equal(20, encryptor.Header.Length);
        Assert.Equal(0, encryptor.Header.Span[1]);
        Assert.Equal(0, encryptor.Header.Span[2]);

        byte[] plain = new byte[1000];
        new Random(7).NextBytes(plain);
        byte[] wire = (byte[])plain.Clone();
        encryptor.Encrypt(wire);
        Assert.NotEqual(plain, wire);

        var decryptor = new EncTypeXDecryptor("9r3Rmy", client);
        byte[] all = [.. encryptor.Header.Span, .. wire];
        var output = new byte[all.Length];
        int n1 = decryptor.Decrypt(all.AsSpan(0, 7), output);
        int n2 = decryptor.Decrypt(all.AsSpan(7), output.AsSpan(n1));
        Assert.Equal(plain, output[..(n1 + n2)]);
    }

    [Fact]
    public void Wrong_secret_key_does_not_decrypt()
    {
        byte[] client = "ABCDEFGH"u8.ToArray();
        var encryptor = EncTypeXEncryptor.Create("9r3Rmy", client);
        byte[] plain = "18abed7a1964"u8.ToArray();
        byte[] wire = (byte[])plain.Clone();
        encryptor.Encrypt(wire);
        var decryptor = new EncTypeXDecryptor("yeJ3x8", client);
        var output = new byte[64];
        int n = decryptor.Decrypt([.. encryptor.Header.Span, .. wire], output);
        Assert.NotEqual(plain, output[..n]);
    }
}
