package dev.bulwark.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The module-boundary rules, over any declaration of exports (the product's, or a test fixture's). */
final class BoundaryRules {
  private BoundaryRules() {}

  /** No class uses a package of another module that the other module does not export. */
  static ArchRule noUseOfOtherModulesInternals(ModuleExports exports, String base) {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage(base + "..")
        .should(
            new ArchCondition<JavaClass>("use only the exported packages of other modules") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                String from = exports.moduleOf(origin.getName());
                if (from == null || exports.readsInternals(from)) {
                  return;
                }
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass().getBaseComponentType();
                  String to = exports.moduleOf(target.getName());
                  if (to != null && !to.equals(from) && !exports.isExported(target.getPackageName())) {
                    events.add(
                        SimpleConditionEvent.violated(
                            origin,
                            d.getDescription()
                                + ": "
                                + target.getPackageName()
                                + " is internal to module "
                                + to
                                + " (it exports "
                                + exports.exportsOf(to)
                                + ")"));
                  }
                }
              }
            })
        .allowEmptyShould(false);
  }

  /**
   * The public and protected members of public classes in exported packages mention only exported types (of any
   * module, their own included): a caller must be able to name every type the API hands out or asks for.
   */
  static ArchRule noInternalTypesInExportedSignatures(ModuleExports exports, String base) {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage(base + "..")
        .and()
        .arePublic()
        .should(
            new ArchCondition<JavaClass>("show only exported types in their public signatures") {
              @Override
              public void check(JavaClass api, ConditionEvents events) {
                String module = exports.moduleOf(api.getName());
                if (module == null
                    || exports.readsInternals(module)
                    || !exports.isExported(api.getPackageName())
                    || !isVisibleOutside(api)) {
                  return;
                }
                for (String leak : leaks(api, exports)) {
                  if (exports.allowedLeaks().stream().noneMatch(a -> leak.startsWith(a + "("))) {
                    events.add(SimpleConditionEvent.violated(api, leak));
                  }
                }
              }
            })
        .allowEmptyShould(false);
  }

  private static boolean isVisibleOutside(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> leaks(JavaClass api, ModuleExports exports) {
    List<String> leaks = new ArrayList<>();
    api.getSuperclass().ifPresent(t -> check(api.getName() + " extends", t, exports, leaks));
    for (JavaType t : api.getInterfaces()) {
      check(api.getName() + " implements", t, exports, leaks);
    }
    for (JavaField f : api.getFields()) {
      if (isApi(f.getModifiers())) {
        check(f.getFullName(), f.getType(), exports, leaks);
      }
    }
    for (JavaCodeUnit m : api.getCodeUnits()) {
      if (!isApi(m.getModifiers()) || m.getName().equals("<clinit>")) {
        continue;
      }
      check(m.getFullName() + " returns", m.getReturnType(), exports, leaks);
      for (JavaType p : m.getParameterTypes()) {
        check(m.getFullName() + " takes", p, exports, leaks);
      }
    }
    return leaks;
  }

  private static boolean isApi(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void check(String where, JavaType type, ModuleExports exports, List<String> leaks) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      JavaClass c = raw.getBaseComponentType();
      if (exports.moduleOf(c.getName()) != null && !exports.isExported(c.getPackageName())) {
        leaks.add(where + " internal type " + c.getName());
      }
    }
  }
}
