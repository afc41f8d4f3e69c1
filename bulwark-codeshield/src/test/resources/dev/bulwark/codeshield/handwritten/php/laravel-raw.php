<?php
// expect: insecure CWE-89
class OrderController extends Controller {
    public function index(Request $request) {
        $status = $request->input('status');
        return DB::select("SELECT * FROM orders WHERE status = '$status'");
    }
}
