// expect: insecure CWE-22
import { Controller, Get, Query, Res } from '@nestjs/common';
import * as fs from 'fs';

@Controller('logs')
export class LogsController {
  @Get()
  read(@Query('file') file: string) {
    return fs.readFileSync('/var/log/app/' + file, 'utf8');
  }
}
