/*
 * SLAC Lab's JNI shim over MuJoCo 2.2.2 (see slaclab.environments.mujoco.MujocoNative for why JNI).
 * Compiled against the installed headers by src/main/native/build.sh during the Maven build, so every struct
 * offset comes from those headers; MujocoNative refuses to run unless the header version compiled in here,
 * mj_version() of the loaded library and the version the Java side was written for all agree.
 * Calls copy whole arrays (one JNI crossing per step or per frame), never single elements.
 * MuJoCo errors (mju_error) jump back to the calling JNI function and become a MujocoException.
 */
#include <jni.h>
#include <mujoco/mujoco.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  mjModel* m;
  mjData* d;
} Sim;

static __thread jmp_buf* guard = NULL;
static __thread char last_error[1024];

static void on_error(const char* msg) {
  snprintf(last_error, sizeof last_error, "%s", msg);
  if (guard) {
    longjmp(*guard, 1);
  }
  fprintf(stderr, "MuJoCo error outside a guarded call: %s\n", msg);
  abort();
}

/* Warnings are counted in mjData.warning; the Java side checks the counters, so stay quiet. */
static void on_warning(const char* msg) {
  (void) msg;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void* reserved) {
  (void) vm;
  (void) reserved;
  mju_user_error = on_error;
  mju_user_warning = on_warning;
  return JNI_VERSION_1_8;
}

static void throw_mj(JNIEnv* env, const char* msg) {
  jclass c = (*env)->FindClass(env, "slaclab/environments/mujoco/MujocoException");
  if (c) {
    (*env)->ThrowNew(env, c, msg);
  }
}

/* Runs BODY with MuJoCo errors turned into a Java exception; FAIL runs after the exception is set. */
#define GUARDED(env, BODY, FAIL)                      \
  do {                                                \
    jmp_buf jb_;                                      \
    jmp_buf* prev_ = guard;                           \
    guard = &jb_;                                     \
    if (setjmp(jb_) == 0) {                           \
      BODY;                                           \
      guard = prev_;                                  \
    } else {                                          \
      guard = prev_;                                  \
      throw_mj(env, last_error);                      \
      FAIL;                                           \
    }                                                 \
  } while (0)

static Sim* sim(jlong h) {
  return (Sim*) (intptr_t) h;
}

/* ---- versions and layout ---- */

JNIEXPORT jint JNICALL Java_slaclab_environments_mujoco_MujocoNative_headerVersion(JNIEnv* env, jclass c) {
  return mjVERSION_HEADER;
}

JNIEXPORT jint JNICALL Java_slaclab_environments_mujoco_MujocoNative_libraryVersion(JNIEnv* env, jclass c) {
  return mj_version();
}

/* sizeof(mjtNum), sizeof(mjModel), sizeof(mjData), sizeof(mjContact), mjNWARNING as compiled here. */
JNIEXPORT jintArray JNICALL Java_slaclab_environments_mujoco_MujocoNative_layoutSizes(JNIEnv* env, jclass c) {
  jint v[5] = {(jint) sizeof(mjtNum), (jint) sizeof(mjModel), (jint) sizeof(mjData), (jint) sizeof(mjContact),
               mjNWARNING};
  jintArray a = (*env)->NewIntArray(env, 5);
  (*env)->SetIntArrayRegion(env, a, 0, 5, v);
  return a;
}

/* Enum values and field tables the Java side relies on, as text; Java compares it with its own copy. */
JNIEXPORT jstring JNICALL Java_slaclab_environments_mujoco_MujocoNative_signature(JNIEnv* env, jclass c) {
  char buf[512];
  snprintf(buf, sizeof buf,
           "geom:plane=%d,sphere=%d,capsule=%d,ellipsoid=%d,cylinder=%d,box=%d,mesh=%d;"
           "cam:fixed=%d,track=%d,trackcom=%d;int:euler=%d,rk4=%d;data=30;model=29",
           mjGEOM_PLANE, mjGEOM_SPHERE, mjGEOM_CAPSULE, mjGEOM_ELLIPSOID, mjGEOM_CYLINDER, mjGEOM_BOX, mjGEOM_MESH,
           mjCAMLIGHT_FIXED, mjCAMLIGHT_TRACK, mjCAMLIGHT_TRACKCOM, mjINT_EULER, mjINT_RK4);
  return (*env)->NewStringUTF(env, buf);
}

/* ---- load and free ---- */

JNIEXPORT jlong JNICALL Java_slaclab_environments_mujoco_MujocoNative_load(JNIEnv* env, jclass c, jstring path) {
  const char* p = (*env)->GetStringUTFChars(env, path, NULL);
  char err[1024] = "";
  mjModel* m = NULL;
  mjData* d = NULL;
  GUARDED(env, m = mj_loadXML(p, NULL, err, sizeof err), m = NULL);
  (*env)->ReleaseStringUTFChars(env, path, p);
  if ((*env)->ExceptionCheck(env)) {
    return 0;
  }
  if (!m) {
    throw_mj(env, err[0] ? err : "mj_loadXML failed without a message");
    return 0;
  }
  GUARDED(env, d = mj_makeData(m), d = NULL);
  if (!d) {
    mj_deleteModel(m);
    if (!(*env)->ExceptionCheck(env)) {
      throw_mj(env, "mj_makeData failed");
    }
    return 0;
  }
  Sim* s = (Sim*) malloc(sizeof(Sim));
  s->m = m;
  s->d = d;
  GUARDED(env, mj_forward(m, d), (void) 0);
  return (jlong) (intptr_t) s;
}

JNIEXPORT void JNICALL Java_slaclab_environments_mujoco_MujocoNative_free(JNIEnv* env, jclass c, jlong h) {
  Sim* s = sim(h);
  if (s) {
    mj_deleteData(s->d);
    mj_deleteModel(s->m);
    free(s);
  }
}

/* ---- sizes and names ---- */

/* nq nv nu na nbody njnt ngeom nsite ncam nmat ntendon nwrap nsensordata nkey nlight nconmax nmocap */
JNIEXPORT jintArray JNICALL Java_slaclab_environments_mujoco_MujocoNative_dims(JNIEnv* env, jclass c, jlong h) {
  mjModel* m = sim(h)->m;
  jint v[17] = {m->nq, m->nv, m->nu, m->na, m->nbody, m->njnt, m->ngeom, m->nsite, m->ncam, m->nmat,
                m->ntendon, m->nwrap, m->nsensordata, m->nkey, m->nlight, m->nconmax, m->nmocap};
  jintArray a = (*env)->NewIntArray(env, 17);
  (*env)->SetIntArrayRegion(env, a, 0, 17, v);
  return a;
}

static int obj_type(jint kind) {
  static const int types[] = {mjOBJ_BODY, mjOBJ_JOINT, mjOBJ_GEOM, mjOBJ_SITE, mjOBJ_CAMERA, mjOBJ_ACTUATOR,
                              mjOBJ_TENDON, mjOBJ_SENSOR, mjOBJ_MATERIAL};
  return kind >= 0 && kind < (jint) (sizeof types / sizeof types[0]) ? types[kind] : mjOBJ_UNKNOWN;
}

JNIEXPORT jint JNICALL Java_slaclab_environments_mujoco_MujocoNative_nameToId(JNIEnv* env, jclass c, jlong h,
                                                                              jint kind, jstring name) {
  const char* p = (*env)->GetStringUTFChars(env, name, NULL);
  int id = mj_name2id(sim(h)->m, obj_type(kind), p);
  (*env)->ReleaseStringUTFChars(env, name, p);
  return id;
}

JNIEXPORT jstring JNICALL Java_slaclab_environments_mujoco_MujocoNative_idToName(JNIEnv* env, jclass c, jlong h,
                                                                                jint kind, jint id) {
  const char* n = mj_id2name(sim(h)->m, obj_type(kind), id);
  return n ? (*env)->NewStringUTF(env, n) : NULL;
}

/* ---- model arrays (read once at start-up) ---- */

typedef struct {
  const mjtNum* dbl;
  const float* flt;
  const int* i32;
  const mjtByte* u8;
  int count;
} Span;

/* Order must match MujocoNative.ModelField. */
static Span model_field(const mjModel* m, int f) {
  Span s = {0};
  switch (f) {
    case 0: s.dbl = &m->opt.timestep; s.count = 1; break;
    case 1: s.i32 = &m->opt.integrator; s.count = 1; break;
    case 2: s.i32 = m->geom_type; s.count = m->ngeom; break;
    case 3: s.dbl = m->geom_size; s.count = 3 * m->ngeom; break;
    case 4: s.flt = m->geom_rgba; s.count = 4 * m->ngeom; break;
    case 5: s.i32 = m->geom_matid; s.count = m->ngeom; break;
    case 6: s.i32 = m->geom_group; s.count = m->ngeom; break;
    case 7: s.i32 = m->geom_bodyid; s.count = m->ngeom; break;
    case 8: s.dbl = m->geom_pos; s.count = 3 * m->ngeom; break;
    case 9: s.flt = m->mat_rgba; s.count = 4 * m->nmat; break;
    case 10: s.i32 = m->cam_mode; s.count = m->ncam; break;
    case 11: s.dbl = m->cam_fovy; s.count = m->ncam; break;
    case 12: s.i32 = m->cam_bodyid; s.count = m->ncam; break;
    case 13: s.i32 = m->jnt_type; s.count = m->njnt; break;
    case 14: s.i32 = m->jnt_qposadr; s.count = m->njnt; break;
    case 15: s.i32 = m->jnt_dofadr; s.count = m->njnt; break;
    case 16: s.u8 = m->jnt_limited; s.count = m->njnt; break;
    case 17: s.dbl = m->jnt_range; s.count = 2 * m->njnt; break;
    case 18: s.i32 = m->body_parentid; s.count = m->nbody; break;
    case 19: s.dbl = m->body_pos; s.count = 3 * m->nbody; break;
    case 20: s.dbl = m->actuator_ctrlrange; s.count = 2 * m->nu; break;
    case 21: s.dbl = m->actuator_gear; s.count = 6 * m->nu; break;
    case 22: s.i32 = m->actuator_trnid; s.count = 2 * m->nu; break;
    case 23: s.dbl = m->tendon_width; s.count = m->ntendon; break;
    case 24: s.flt = m->tendon_rgba; s.count = 4 * m->ntendon; break;
    case 25: s.i32 = m->tendon_matid; s.count = m->ntendon; break;
    case 26: s.dbl = m->qpos0; s.count = m->nq; break;
    case 27: s.dbl = m->site_size; s.count = 3 * m->nsite; break;
    case 28: s.dbl = m->site_pos; s.count = 3 * m->nsite; break;
    default: s.count = -1;
  }
  return s;
}

static jdoubleArray span_to_java(JNIEnv* env, Span s) {
  jdoubleArray a = (*env)->NewDoubleArray(env, s.count);
  if (!a || s.count == 0) {
    return a;
  }
  double* out = (double*) (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  for (int i = 0; i < s.count; i++) {
    out[i] = s.dbl ? s.dbl[i] : s.flt ? s.flt[i] : s.i32 ? s.i32[i] : s.u8[i];
  }
  (*env)->ReleasePrimitiveArrayCritical(env, a, out, 0);
  return a;
}

JNIEXPORT jdoubleArray JNICALL Java_slaclab_environments_mujoco_MujocoNative_model(JNIEnv* env, jclass c, jlong h,
                                                                                   jint field) {
  Span s = model_field(sim(h)->m, field);
  if (s.count < 0) {
    throw_mj(env, "unknown model field");
    return NULL;
  }
  return span_to_java(env, s);
}

/* Writes one element of a double-valued model field (e.g. a target's geom_pos); returns false if not writable. */
JNIEXPORT jboolean JNICALL Java_slaclab_environments_mujoco_MujocoNative_setModel(JNIEnv* env, jclass c, jlong h,
                                                                                  jint field, jint index,
                                                                                  jdouble value) {
  Span s = model_field(sim(h)->m, field);
  if (!s.dbl || index < 0 || index >= s.count) {
    return JNI_FALSE;
  }
  ((mjtNum*) s.dbl)[index] = value;
  return JNI_TRUE;
}

/* ---- data arrays (copied every step or frame) ---- */

/* Order must match MujocoNative.DataField. */
static Span data_field(const mjModel* m, const mjData* d, int f) {
  Span s = {0};
  switch (f) {
    case 0: s.dbl = d->qpos; s.count = m->nq; break;
    case 1: s.dbl = d->qvel; s.count = m->nv; break;
    case 2: s.dbl = d->ctrl; s.count = m->nu; break;
    case 3: s.dbl = d->act; s.count = m->na; break;
    case 4: s.dbl = d->qacc; s.count = m->nv; break;
    case 5: s.dbl = d->xpos; s.count = 3 * m->nbody; break;
    case 6: s.dbl = d->xmat; s.count = 9 * m->nbody; break;
    case 7: s.dbl = d->xquat; s.count = 4 * m->nbody; break;
    case 8: s.dbl = d->geom_xpos; s.count = 3 * m->ngeom; break;
    case 9: s.dbl = d->geom_xmat; s.count = 9 * m->ngeom; break;
    case 10: s.dbl = d->site_xpos; s.count = 3 * m->nsite; break;
    case 11: s.dbl = d->site_xmat; s.count = 9 * m->nsite; break;
    case 12: s.dbl = d->cam_xpos; s.count = 3 * m->ncam; break;
    case 13: s.dbl = d->cam_xmat; s.count = 9 * m->ncam; break;
    case 14: s.dbl = d->subtree_com; s.count = 3 * m->nbody; break;
    case 15: s.dbl = d->cvel; s.count = 6 * m->nbody; break;
    case 16: s.dbl = d->cfrc_ext; s.count = 6 * m->nbody; break;
    case 17: s.dbl = d->sensordata; s.count = m->nsensordata; break;
    case 18: s.i32 = d->ten_wrapadr; s.count = m->ntendon; break;
    case 19: s.i32 = d->ten_wrapnum; s.count = m->ntendon; break;
    case 20: s.dbl = d->wrap_xpos; s.count = 6 * m->nwrap; break;
    case 21: s.i32 = d->wrap_obj; s.count = 2 * m->nwrap; break;
    case 22: s.dbl = &d->time; s.count = 1; break;
    case 23: s.i32 = &d->ncon; s.count = 1; break;
    case 24: s.dbl = d->subtree_linvel; s.count = 3 * m->nbody; break;
    case 25: s.dbl = d->ten_length; s.count = m->ntendon; break;
    case 26: s.dbl = d->qfrc_actuator; s.count = m->nv; break;
    case 27: s.dbl = d->xipos; s.count = 3 * m->nbody; break;
    case 28: s.dbl = d->actuator_force; s.count = m->nu; break;
    case 29: s.dbl = d->mocap_pos; s.count = 3 * m->nmocap; break;
    default: s.count = -1;
  }
  return s;
}

/* Copies the listed fields back to back into out; returns the number of values written, or -1 if out is short. */
JNIEXPORT jint JNICALL Java_slaclab_environments_mujoco_MujocoNative_read(JNIEnv* env, jclass c, jlong h,
                                                                         jintArray fields, jdoubleArray out) {
  Sim* s = sim(h);
  jint nf = (*env)->GetArrayLength(env, fields);
  jint cap = (*env)->GetArrayLength(env, out);
  jint f[64];
  if (nf > 64) {
    return -1;
  }
  (*env)->GetIntArrayRegion(env, fields, 0, nf, f);
  int total = 0;
  for (int k = 0; k < nf; k++) {
    Span sp = data_field(s->m, s->d, f[k]);
    if (sp.count < 0) {
      return -1;
    }
    total += sp.count;
  }
  if (total > cap) {
    return -1;
  }
  double* o = (double*) (*env)->GetPrimitiveArrayCritical(env, out, NULL);
  int at = 0;
  for (int k = 0; k < nf; k++) {
    Span sp = data_field(s->m, s->d, f[k]);
    if (sp.dbl) {
      memcpy(o + at, sp.dbl, sizeof(double) * sp.count);
    } else {
      for (int i = 0; i < sp.count; i++) {
        o[at + i] = sp.i32[i];
      }
    }
    at += sp.count;
  }
  (*env)->ReleasePrimitiveArrayCritical(env, out, o, 0);
  return total;
}

/* Overwrites a double-valued data field (e.g. mocap_pos) with values; no mj_forward. False if not writable. */
JNIEXPORT jboolean JNICALL Java_slaclab_environments_mujoco_MujocoNative_write(JNIEnv* env, jclass c, jlong h,
                                                                              jint field, jdoubleArray values) {
  Sim* s = sim(h);
  Span sp = data_field(s->m, s->d, field);
  if (!sp.dbl || (*env)->GetArrayLength(env, values) != sp.count) {
    return JNI_FALSE;
  }
  (*env)->GetDoubleArrayRegion(env, values, 0, sp.count, (double*) sp.dbl);
  return JNI_TRUE;
}

static int bad_state_warnings(const mjData* d) {
  return d->warning[mjWARN_BADQPOS].number + d->warning[mjWARN_BADQVEL].number
         + d->warning[mjWARN_BADQACC].number + d->warning[mjWARN_BADCTRL].number;
}

/* Sets qpos, qvel (and clears warm start), then mj_forward. */
JNIEXPORT void JNICALL Java_slaclab_environments_mujoco_MujocoNative_setState(JNIEnv* env, jclass c, jlong h,
                                                                             jdoubleArray qpos, jdoubleArray qvel) {
  Sim* s = sim(h);
  (*env)->GetDoubleArrayRegion(env, qpos, 0, s->m->nq, s->d->qpos);
  (*env)->GetDoubleArrayRegion(env, qvel, 0, s->m->nv, s->d->qvel);
  if ((*env)->ExceptionCheck(env)) {
    return;
  }
  GUARDED(env, mj_forward(s->m, s->d), (void) 0);
}

JNIEXPORT void JNICALL Java_slaclab_environments_mujoco_MujocoNative_reset(JNIEnv* env, jclass c, jlong h) {
  Sim* s = sim(h);
  GUARDED(env, { mj_resetData(s->m, s->d); mj_forward(s->m, s->d); }, (void) 0);
}

JNIEXPORT void JNICALL Java_slaclab_environments_mujoco_MujocoNative_forward(JNIEnv* env, jclass c, jlong h) {
  Sim* s = sim(h);
  GUARDED(env, mj_forward(s->m, s->d), (void) 0);
}

/* mj_rnePostConstraint: fills cfrc_ext (contact forces per body), which mj_step leaves stale in 2.2.2. */
JNIEXPORT void JNICALL Java_slaclab_environments_mujoco_MujocoNative_contactForces(JNIEnv* env, jclass c, jlong h) {
  Sim* s = sim(h);
  GUARDED(env, mj_rnePostConstraint(s->m, s->d), (void) 0);
}

/* mj_subtreeVel: fills subtree_linvel for the current state. */
JNIEXPORT void JNICALL Java_slaclab_environments_mujoco_MujocoNative_subtreeVelocity(JNIEnv* env, jclass c,
                                                                                    jlong h) {
  Sim* s = sim(h);
  GUARDED(env, mj_subtreeVel(s->m, s->d), (void) 0);
}

/*
 * One control step: ctrl = action, then n physics steps, then mj_step1 so positions, velocities, sensors and
 * camera poses describe the new state (dm_control's order). With Euler the first mj_step2 reuses the mj_step1
 * already done for the current state. Returns 1 if the simulation went bad (MuJoCo's bad qpos/qvel/qacc/ctrl
 * warnings, which reset the data, or non-finite values), else 0.
 */
JNIEXPORT jint JNICALL Java_slaclab_environments_mujoco_MujocoNative_step(JNIEnv* env, jclass c, jlong h,
                                                                         jdoubleArray ctrl, jint n) {
  Sim* s = sim(h);
  mjModel* m = s->m;
  mjData* d = s->d;
  (*env)->GetDoubleArrayRegion(env, ctrl, 0, m->nu, d->ctrl);
  if ((*env)->ExceptionCheck(env)) {
    return 1;
  }
  int before = bad_state_warnings(d);
  int failed = 0;
  GUARDED(env, {
    if (m->opt.integrator == mjINT_EULER) {
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          mj_step1(m, d);
        }
        mj_step2(m, d);
      }
    } else {
      for (int i = 0; i < n; i++) {
        mj_step(m, d);
      }
    }
    mj_step1(m, d);
  }, failed = 1);
  if (failed) {
    return 1;
  }
  if (bad_state_warnings(d) != before) {
    return 1;
  }
  for (int i = 0; i < m->nq; i++) {
    if (!isfinite(d->qpos[i])) {
      return 1;
    }
  }
  for (int i = 0; i < m->nv; i++) {
    if (!isfinite(d->qvel[i])) {
      return 1;
    }
  }
  return 0;
}

/* Contacts as (geom1, geom2, dist) triples into out; returns ncon (may exceed what fitted). */
JNIEXPORT jint JNICALL Java_slaclab_environments_mujoco_MujocoNative_contacts(JNIEnv* env, jclass c, jlong h,
                                                                             jdoubleArray out) {
  Sim* s = sim(h);
  int n = s->d->ncon;
  jint cap = out ? (*env)->GetArrayLength(env, out) / 3 : 0;
  int k = n < cap ? n : cap;
  if (k > 0) {
    double* o = (double*) (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    for (int i = 0; i < k; i++) {
      o[3 * i] = s->d->contact[i].geom1;
      o[3 * i + 1] = s->d->contact[i].geom2;
      o[3 * i + 2] = s->d->contact[i].dist;
    }
    (*env)->ReleasePrimitiveArrayCritical(env, out, o, 0);
  }
  return n;
}
