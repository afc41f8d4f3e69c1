// expect: insecure CWE-295
using System.Net.Http;

public static class Clients
{
    public static HttpClient Lenient()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true
        };
        return new HttpClient(handler);
    }
}
