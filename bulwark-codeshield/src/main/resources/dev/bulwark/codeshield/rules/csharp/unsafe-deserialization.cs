class Store {
    object Load(System.IO.Stream stream) {
        // ruleid: csharp.unsafe-deserialization
        var binaryFormatter = new BinaryFormatter();
        // ruleid: csharp.unsafe-deserialization
        return binaryFormatter.Deserialize(stream);
    }
    T Read<T>(string json) {
        // ok: csharp.unsafe-deserialization
        return System.Text.Json.JsonSerializer.Deserialize<T>(json);
    }
}
