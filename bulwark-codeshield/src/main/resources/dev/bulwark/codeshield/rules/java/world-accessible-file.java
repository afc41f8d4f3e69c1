class Prefs {
    void save(android.content.Context ctx, java.io.File f) {
        // ruleid: java.world-accessible-file
        ctx.getSharedPreferences("cfg", Context.MODE_WORLD_READABLE);
        // ruleid: java.world-accessible-file
        f.setReadable(true, false);
        // ok: java.world-accessible-file
        ctx.getSharedPreferences("cfg", Context.MODE_PRIVATE);
    }
}
