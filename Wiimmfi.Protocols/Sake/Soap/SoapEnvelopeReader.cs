using System.Xml;
using System.Xml.Linq;

namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>
/// Loads an untrusted SOAP body into a small element tree and finds the payload element inside
/// <c>Envelope/Body</c>.
/// </summary>
/// <remarks>
/// <para>
/// What can go wrong with XML from the network, and what this class does about it:
/// a DOCTYPE with external entities (XXE) or entity expansion ("billion laughs") — DTD processing
/// is prohibited and no resolver is set, so any DOCTYPE fails the parse; a huge body — refused
/// before parsing and capped again by <see cref="XmlReaderSettings.MaxCharactersInDocument"/>;
/// deep nesting or millions of elements — counted while reading, refused past
/// <see cref="SoapLimits"/>. Failures become a <see cref="SoapFault"/>, never an exception.
/// </para>
/// <para>
/// The tree is built by hand from <see cref="XmlReader"/> events (rather than
/// <c>XDocument.Load</c>) so the limits are enforced during reading, before memory is spent.
/// Attributes are dropped: no GameSpy service reads any.
/// </para>
/// </remarks>
public static class SoapEnvelopeReader
{
    /// <summary>
    /// Parses <paramref name="body"/> as XML under <paramref name="limits"/> and returns its root
    /// element, or a fault.
    /// </summary>
    public static bool TryLoad(ReadOnlySpan<byte> body, SoapLimits limits, out XElement root, out SoapFault fault)
    {
        ArgumentNullException.ThrowIfNull(limits);
        root = null!;
        fault = null!;
        if (body.Length > limits.MaxBodyBytes)
        {
            fault = SoapFault.Client($"Body of {body.Length} bytes exceeds the limit of {limits.MaxBodyBytes}.");
            return false;
        }
        if (body.IsEmpty)
        {
            fault = SoapFault.Client("Empty body.");
            return false;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxBodyBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return TryBuildTree(reader, limits, out root, out fault);
        }
        catch (XmlException exception)
        {
            var reason = exception.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "Document type declarations are not allowed."
                : $"Malformed XML: {exception.Message}";
            fault = SoapFault.Client(reason);
            return false;
        }
    }

    /// <summary>
    /// Parses a SOAP 1.1 envelope and returns the first element inside <c>Body</c> (the action
    /// element of a request, the response element of a reply), or a fault.
    /// </summary>
    public static bool TryReadBodyContent(ReadOnlySpan<byte> body, SoapLimits limits, out XElement content, out SoapFault fault)
    {
        content = null!;
        if (!TryLoad(body, limits, out var root, out fault))
        {
            return false;
        }
        XNamespace soap = SoapNamespaces.Envelope;
        if (root.Name != soap + "Envelope")
        {
            fault = SoapFault.Client($"Root element is {root.Name.LocalName}, not a SOAP 1.1 Envelope.");
            return false;
        }
        var soapBody = root.Element(soap + "Body");
        var first = soapBody?.Elements().FirstOrDefault();
        if (first is null)
        {
            fault = SoapFault.Client("The SOAP Body is missing or empty.");
            return false;
        }
        content = first;
        return true;
    }

    private static bool TryBuildTree(XmlReader reader, SoapLimits limits, out XElement root, out SoapFault fault)
    {
        root = null!;
        fault = null!;
        var open = new Stack<XElement>();
        var elementCount = 0;
        XElement? top = null;

        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (++elementCount > limits.MaxElements)
                    {
                        fault = SoapFault.Client($"More than {limits.MaxElements} elements.");
                        return false;
                    }
                    if (reader.Depth >= limits.MaxDepth)
                    {
                        fault = SoapFault.Client($"Elements nested deeper than {limits.MaxDepth}.");
                        return false;
                    }
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (open.Count > 0)
                    {
                        open.Peek().Add(element);
                    }
                    else
                    {
                        top = element;
                    }
                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (open.Count > 0)
                    {
                        open.Peek().Add(new XText(reader.Value));
                    }
                    break;
            }
        }

        if (top is null)
        {
            fault = SoapFault.Client("The document has no root element.");
            return false;
        }
        root = top;
        return true;
    }
}
