// expect: secure
import { Request, Response } from "express";

export function afterLogin(req: Request, res: Response) {
  const next = String(req.query.next ?? "/");
  res.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/");
}
