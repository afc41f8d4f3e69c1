// expect: insecure CWE-134
#import <Foundation/Foundation.h>

void logMessage(NSString *message) {
    NSLog(message);
    printf([message UTF8String]);
}
