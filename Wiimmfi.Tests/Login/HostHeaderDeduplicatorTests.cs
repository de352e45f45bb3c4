using System.Buffers;
using System.Text;
using Wiimmfi.Host.Modules.Nas;

namespace Wiimmfi.Tests.Login;

/// <summary>The byte-stream filter that lets DWC clients send the Host header twice (nas.md §1).</summary>
public sealed class HostHeaderDeduplicatorTests
{
    private const string Body = "action=bG9naW4*";

    [Fact]
    public void A_second_Host_header_is_removed_and_everything_else_is_kept()
    {
        var request = $"POST /ac HTTP/1.1\r\nHost: naswii.nintendowifi.net\r\nUser-Agent: RVL\r\nhost: naswii.nintendowifi.net\r\nContent-Length: {Body.Length}\r\n\r\n{Body}";

        var (output, dropped) = Run(request);

        Assert.Equal($"POST /ac HTTP/1.1\r\nHost: naswii.nintendowifi.net\r\nUser-Agent: RVL\r\nContent-Length: {Body.Length}\r\n\r\n{Body}", output);
        Assert.Equal(1, dropped);
    }

    [Fact]
    public void The_result_does_not_depend_on_how_the_bytes_are_split_into_reads()
    {
        var request = $"POST /ac HTTP/1.1\r\nHost: a\r\nHost: a\r\nContent-Length: {Body.Length}\r\n\r\n{Body}";
        var whole = Run(request);

        for (var chunk = 1; chunk < 12; chunk++)
        {
            Assert.Equal(whole, Run(request, chunk));
        }
    }

    [Fact]
    public void A_body_that_looks_like_a_Host_line_is_not_touched_and_keep_alive_requests_are_filtered_too()
    {
        const string body = "Host: x\r\nHost: y\r\n";
        var request = $"POST /ac HTTP/1.1\r\nHost: a\r\nContent-Length: {body.Length}\r\n\r\n{body}GET / HTTP/1.1\r\nHost: b\r\nHost: b\r\n\r\n";

        var (output, dropped) = Run(request);

        Assert.Equal($"POST /ac HTTP/1.1\r\nHost: a\r\nContent-Length: {body.Length}\r\n\r\n{body}GET / HTTP/1.1\r\nHost: b\r\n\r\n", output);
        Assert.Equal(1, dropped);
    }

    [Fact]
    public void A_chunked_body_or_an_overlong_line_switches_to_pass_through()
    {
        var chunked = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHost:\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n";
        var longLine = "GET / HTTP/1.1\r\nX: " + new string('a', HostHeaderDeduplicator.MaxLineLength) + "\r\nHost: a\r\nHost: a\r\n\r\n";

        Assert.Equal(chunked, Run(chunked).Output);
        Assert.Equal(longLine, Run(longLine).Output);
    }

    private static (string Output, int Dropped) Run(string input, int chunkSize = int.MaxValue)
    {
        var deduplicator = new HostHeaderDeduplicator();
        var output = new ArrayBufferWriter<byte>();
        var bytes = Encoding.Latin1.GetBytes(input);
        for (var offset = 0; offset < bytes.Length; offset += chunkSize)
        {
            deduplicator.Process(bytes.AsSpan(offset, Math.Min(chunkSize, bytes.Length - offset)), output);
        }

        return (Encoding.Latin1.GetString(output.WrittenSpan), deduplicator.DroppedHostHeaders);
    }
}
