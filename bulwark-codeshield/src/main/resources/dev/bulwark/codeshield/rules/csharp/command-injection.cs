using System.Diagnostics;

class Launcher {
    void Open(string url, string exe) {
        // ruleid: csharp.command-injection
        Process.Start(url);
        var proc = new Process();
        // ruleid: csharp.command-injection
        proc.StartInfo.FileName = exe;
        var psi = new ProcessStartInfo();
        // ruleid: csharp.command-injection
        psi.Arguments = "/c " + url;
        // ok: csharp.command-injection
        Process.Start("notepad.exe");
        // ok: csharp.command-injection
        dialog.FileName = exe;
    }
}
