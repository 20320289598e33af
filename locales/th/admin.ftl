# ข้อความที่ `occ-bot admin` แสดงผล (ภาษาไทย) ทุกรหัสข้อความต้องมีใน locales/en/admin.ftl ด้วย
# และใช้ตัวแปรชุดเดียวกัน

admin-officers-none = ยังไม่มีเจ้าหน้าที่ในระบบ เพิ่มได้ด้วยคำสั่ง occ-bot admin officers add telegram:123456789 --name "สมชาย" --role desk
admin-officer-line = { $user } · { $name } · { $role } · { $language }
admin-officer-added = เพิ่มเจ้าหน้าที่แล้ว: { $user } · { $name } · { $role } · { $language }
admin-officer-changed = แก้ไขข้อมูลเจ้าหน้าที่แล้ว: { $user } · { $name } · { $role } · { $language }
admin-officer-removed = ลบ { $user } ออกจากรายชื่อเจ้าหน้าที่แล้ว
admin-queue = มี { $count } เรื่อง เรียงจากเรื่องที่รอนานที่สุด{ $late ->
    [0] {""}
   *[other] {" "}เกินกำหนด { $late } เรื่อง (มีเครื่องหมาย ⚠)
}
admin-audit-none = ยังไม่มีบันทึกการปฏิเสธสิทธิ์ของเจ้าหน้าที่
admin-audit-line = { $at } · { $who } · { $action } · { $issue } · { $reason }
admin-exported = ส่งออกเรื่องร้องเรียน { $complaints } เรื่อง เจ้าหน้าที่ { $officers } คน การแจ้งเตือน { $notifications } รายการ และบทสนทนา { $sessions } รายการ
admin-imported = นำเข้าเรื่องร้องเรียน { $complaints } เรื่อง เจ้าหน้าที่ { $officers } คน การแจ้งเตือน { $notifications } รายการ และบทสนทนา { $sessions } รายการ
admin-rules-ok = { $file }: มีกฎ { $count } ข้อ ถูกต้องทั้งหมด
admin-route-none = ไม่ตรงกับกฎข้อใด เรื่องนี้จะอยู่ที่ { $agency } เพื่อตรวจสอบก่อน
admin-route =
    หน่วยงาน: { $agency } (มั่นใจ { $confidence }%)
    กฎ: { $rule } { $reason }
    คำที่ตรง: { $matched }
    ตัวเลือกถัดไปที่เป็นหน่วยงานอื่น: { $runner_up }
