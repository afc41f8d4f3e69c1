// expect: secure
#import <Foundation/Foundation.h>

void logMessage(NSString *message) {
    NSLog(@"%@", message);
    printf("%s\n", [message UTF8String]);
}
