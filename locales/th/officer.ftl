# ข้อความที่บอท OCC ใช้กับเจ้าหน้าที่ และประกาศเตือนภัยสำหรับประชาชน (ภาษาไทย)
# ทุกรหัสข้อความต้องมีใน locales/en/officer.ftl ด้วย และใช้ตัวแปรชุดเดียวกัน

## ประเภทของข้อมูลที่พบในเรื่องร้องเรียน (รหัสตรงกับ occ_core::IdentifierKind::code)

identifier-kind = { $kind ->
    [url] ลิงก์
    [domain] เว็บไซต์
    [phone] เบอร์โทร
    [email] อีเมล
    [bank_account] บัญชีธนาคาร
    [prompt_pay] พร้อมเพย์
    [line_id] ไลน์ไอดี
    [facebook] เฟซบุ๊ก
    [shop_page] เพจร้านค้า
    [amount] จำนวนเงิน
    [national_id] เลขบัตรประชาชน
   *[other] ข้อมูลระบุตัว
}

## เมนูเจ้าหน้าที่และการปฏิเสธสิทธิ์

button-queue = งานของฉัน
button-overdue = เรื่องเกินกำหนด
button-stats = สถิติ
button-incidents = กลุ่มเรื่องซ้ำ
button-warn = ออกประกาศเตือนภัย
officer-denied = ขออภัยค่ะ บัญชีนี้ไม่มีสิทธิ์ทำรายการนี้ หากคิดว่าควรมีสิทธิ์ โปรดติดต่อผู้ดูแลระบบ OCC
list-none = (ไม่มี)
not-shown = (ไม่แสดงสำหรับสิทธิ์ของคุณ)

## งานรอดำเนินการ

queue-empty = ไม่มีเรื่องค้างในงานของคุณแล้วค่ะ
queue-list = มีเรื่องรอดำเนินการ { $count } เรื่อง เรียงจากเรื่องที่รอนานที่สุด{ $late ->
    [0] {""}
   *[other] {" "}(เกินกำหนด { $late } เรื่อง)
} กดเพื่อเปิดดูได้เลย
queue-item = { $id } · { $subcategory } · แนะนำ { $suggestion }
queue-item-late = ⚠ { $id } · { $subcategory } · แนะนำ { $suggestion }
overdue-empty = ไม่มีเรื่องเกินกำหนดค่ะ
overdue-list = มี { $count } เรื่องที่เกินเวลาตอบสนองตามเป้าหมาย เรียงจากเรื่องที่เกินนานที่สุด
late-none = ยังอยู่ในกำหนด
late-first-action = ⚠ เกินกำหนด: ควรเริ่มดำเนินการภายใน { $due }
late-resolution = ⚠ เกินกำหนด: ควรดำเนินการเสร็จภายใน { $due }
reminder-overdue = สวัสดีค่ะ วันนี้มี { $count } เรื่องในความรับผิดชอบของคุณที่เกินเวลาตอบสนองตามเป้าหมาย เรื่องที่เกินนานที่สุดได้แก่

## เรื่องร้องเรียนในมุมมองของเจ้าหน้าที่

case-show =
    เรื่อง { $id } · { $status }
    หน่วยงานที่ดูแล: { $agency }
    ประเภท: { $category } › { $subcategory }
    วันที่แจ้ง: { $filed } ({ $late })
    ผู้ร้องเรียน: { $name }
    โทร: { $phone } · อีเมล: { $email } · เลขบัตรประชาชน: { $national_id }
    รายละเอียด:
    { $description }
    หลักฐาน:
    { $evidence }
    ข้อมูลที่พบในข้อความ:
    { $identifiers }
    กลุ่มเรื่องซ้ำ:
    { $incidents }
    { $suggestion }
    ความคืบหน้า:
    { $timeline }
case-suggestion = หน่วยงานที่ระบบแนะนำ: { $agency } (มั่นใจ { $confidence }%) เนื่องจาก{ $reason }
case-no-suggestion = ระบบไม่มีหน่วยงานแนะนำ โปรดเลือกหน่วยงานเอง
identifier-line = • { identifier-kind }: { $value }
incident-line = • { identifier-kind } { $value }: { $count ->
    [1] มีเฉพาะเรื่องนี้
   *[other] พบใน { $count } เรื่อง
}
officer-event = { $at } · { $who }: { $what }
officer-what-filed = แจ้งเรื่อง
officer-what-forwarded = ส่งต่อให้ { $agency }
officer-what-forwarded-note = ส่งต่อให้ { $agency } (“{ $note }”)
officer-what-status = { $status }
officer-what-status-note = { $status } (“{ $note }”)
officer-what-duplicate = ระบุว่าเป็นเรื่องเดียวกับ { $original }
officer-what-note = บันทึกภายใน: { $text }
officer-what-to-citizen = ส่งข้อความถึงผู้ร้องเรียน: “{ $text }”
officer-what-from-citizen = ตอบกลับ: “{ $text }”
officer-what-evidence = เพิ่มหลักฐาน: { $evidence }
officer-what-other = มีการปรับปรุง
actor-citizen = ผู้ร้องเรียน
actor-system = ระบบ

## การดำเนินการกับเรื่องร้องเรียน

button-open-case = เปิดดูเรื่อง
button-evidence-files = ดูไฟล์หลักฐาน ({ $count } ไฟล์)
case-evidence-files = รูปและไฟล์หลักฐานของเรื่อง { $id }
case-evidence-missing = รูปและไฟล์หลักฐานของเรื่อง { $id } มีไฟล์ที่หาไม่พบในระบบ { $missing } ไฟล์ โปรดแจ้งผู้ดูแลระบบ
button-screen = เริ่มตรวจสอบ
button-accept-suggestion = ส่งต่อให้ { $agency }
button-forward-to = ส่งต่อให้หน่วยงาน…
button-ask = ขอข้อมูลเพิ่ม
button-work = เริ่มดำเนินการ
button-resolve = ปิดเรื่อง (ดำเนินการแล้ว)
button-reject = ไม่รับเรื่อง
button-duplicate = ซ้ำกับเรื่องอื่น
button-message-citizen = ส่งข้อความถึงผู้ร้องเรียน
button-note = บันทึกภายใน
button-skip-note = ไม่ต้องบันทึก
choose-agency =
    ส่งต่อให้หน่วยงานใด
    { $agencies }
agency-line = • { $code }: { $name } ดูแลเรื่อง{ $handles }
officer-ask-text = { $action ->
    [forward] พิมพ์บันทึกถึงหน่วยงานเกี่ยวกับเรื่อง { $id } (ผู้ร้องเรียนจะทราบเพียงว่าส่งต่อแล้ว) หรือกด “ไม่ต้องบันทึก”
    [ask] ต้องการข้อมูลอะไรเพิ่มจากผู้ร้องเรียนเรื่อง { $id } พิมพ์คำถามได้เลย ผู้ร้องเรียนจะได้รับข้อความตามที่พิมพ์
    [resolve] เรื่อง { $id } ดำเนินการอย่างไรแล้วบ้าง ผู้ร้องเรียนจะได้รับข้อความตามที่พิมพ์ หรือกด “ไม่ต้องบันทึก”
    [reject] เหตุใดจึงรับเรื่อง { $id } ไม่ได้ ผู้ร้องเรียนจะได้รับข้อความตามที่พิมพ์ โปรดเขียนให้ชัดเจนและสุภาพ
    [duplicate] พิมพ์เลขเรื่องเดิมที่เรื่อง { $id } ซ้ำด้วย
    [message] พิมพ์ข้อความถึงผู้ร้องเรียนเรื่อง { $id }
   *[note] พิมพ์บันทึกภายในของเรื่อง { $id } ผู้ร้องเรียนจะไม่เห็นบันทึกนี้
}
case-done = { $action ->
    [start_screening] เริ่มตรวจสอบเรื่อง { $id } แล้ว
    [forward] ส่งต่อเรื่อง { $id } แล้ว และแจ้งผู้ร้องเรียนแล้ว
    [request_info] ส่งคำถามแล้ว เรื่อง { $id } รอคำตอบจากผู้ร้องเรียน
    [start_work] เริ่มดำเนินการเรื่อง { $id } แล้ว และแจ้งผู้ร้องเรียนแล้ว
    [resolve] ปิดเรื่อง { $id } แล้ว และแจ้งผู้ร้องเรียนแล้ว
    [reject] ไม่รับเรื่อง { $id } และแจ้งเหตุผลให้ผู้ร้องเรียนทราบแล้ว
    [mark_duplicate] ระบุว่าเรื่อง { $id } ซ้ำกับเรื่องเดิมแล้ว และแจ้งผู้ร้องเรียนแล้ว
    [message_to_citizen] ส่งข้อความเกี่ยวกับเรื่อง { $id } แล้ว
    [add_note] บันทึกในเรื่อง { $id } แล้ว
   *[other] ปรับปรุงเรื่อง { $id } แล้ว
}
workflow-not-allowed =
    เรื่องที่อยู่ในสถานะ “{ $from }” เปลี่ยนเป็น “{ $to }” ไม่ได้ สถานะที่เปลี่ยนได้มีดังนี้
    { $allowed }
workflow-already-with = เรื่องนี้อยู่กับ { $agency } อยู่แล้ว
workflow-bad-duplicate = ใช้เรื่อง { $id } เป็นเรื่องเดิมไม่ได้ เพราะเป็นเรื่องเดียวกันนี้ หรือไม่มีเรื่องนี้ในระบบ
workflow-refused = ตอนนี้ยังเปลี่ยนแปลงเรื่องนี้แบบนั้นไม่ได้
officer-citizen-replied =
    ผู้ร้องเรียนตอบกลับเรื่อง { $id } ว่า
    { $text }

## กลุ่มเรื่องซ้ำ: หลายเรื่องที่ระบุบัญชี เพจ หรือเว็บไซต์เดียวกัน

incidents-empty = ขณะนี้ไม่มีกลุ่มเรื่องซ้ำค่ะ
incidents-list = กลุ่มเรื่องซ้ำที่ใหญ่ที่สุด { $count } กลุ่ม (หลายเรื่องที่ระบุบัญชี เพจ หรือเว็บไซต์เดียวกัน) กดเพื่อดูรายละเอียด
incident-item = { identifier-kind } { $value } · { $count } เรื่อง
incident-show =
    กลุ่มเรื่องซ้ำ: { identifier-kind } { $value }
    ทั้งหมด { $count } เรื่อง ยังไม่ปิด { $open } เรื่อง แจ้งเข้ามาระหว่าง { $first } ถึง { $last }
    หน่วยงานที่ดูแล
    { $agencies }
agency-count = • { $agency }: { $count } เรื่อง
button-incident-forward = ส่งต่อทั้งกลุ่ม
button-incident-message = แจ้งผู้ร้องเรียนทุกคน
officer-ask-incident-message = พิมพ์ข้อความที่จะแจ้งผู้ร้องเรียนทุกคนในกลุ่มนี้
incident-done = ดำเนินการแล้ว { $applied } เรื่อง{ $refused ->
    [0] {""}
   *[other] {" "}เปลี่ยนไม่ได้ { $refused } เรื่อง (ปิดไปแล้ว หรืออยู่ที่หน่วยงานนั้นแล้ว)
}

## สถิติ

stats-summary =
    สถิติวันที่ { $from } ถึง { $to }
    รับเรื่อง: { $received } เรื่อง (ช่วงก่อนหน้า { $previous } เรื่อง{ $ratio ->
        [none] {""}
       *[other] {" "}คิดเป็น { $ratio } เท่าของช่วงก่อนหน้า
    })
    ส่งต่อ: { $forwarded } เรื่อง
    { $agencies }
    ดำเนินการเสร็จ: { $resolved } เรื่อง
    เวลาที่ใช้ (ค่ามัธยฐาน): จนส่งต่อ { $to_forward } ชม. · จนดำเนินการเสร็จ { $to_resolve } ชม.
stats-with-chart =
    { $summary }
    แผนภูมิแสดงจำนวนเรื่องรายเดือนแยกตามประเภท ย้อนหลัง 12 เดือนถึงวันที่ { $until }
stats-bad-period = พิมพ์เดือนเป็น ปี-เดือน เช่น /stats 2569-11 หรือพิมพ์ /stats เฉย ๆ เพื่อดูเดือนนี้

## ประกาศเตือนภัยสำหรับประชาชน

button-warnings = ข่าวเตือนภัย
button-subscribe = รับข่าวเตือนภัยใหม่
button-unsubscribe = หยุดรับข่าวเตือนภัย
warn-ask-thai = พิมพ์ประกาศเตือนภัยเป็นภาษาไทย ผู้ติดตามที่ใช้ภาษาไทยจะได้รับข้อความนี้
warn-ask-english = พิมพ์ประกาศเดียวกันเป็นภาษาอังกฤษ
warn-confirm =
    ยืนยันส่งประกาศนี้ถึงผู้ติดตามทุกคนใช่ไหม
    ภาษาไทย: { $th }
    ภาษาอังกฤษ: { $en }
button-publish = ส่งประกาศ
warn-published = ออกประกาศฉบับที่ { $id } แล้ว กำลังส่งถึงผู้ติดตาม { $count } คน
warnings-none = ขณะนี้ยังไม่มีข่าวเตือนภัยค่ะ กดปุ่มด้านล่างเพื่อรับข่าวใหม่ทันทีที่ประกาศ
warnings-list =
    ข่าวเตือนภัยล่าสุดจาก OCC
    { $warnings }
warning-line = • { $date }: { $text }
warning-notice =
    ⚠ ข่าวเตือนภัยจาก OCC วันที่ { $date }
    { $text }
subscribed = เรียบร้อยค่ะ เราจะส่งข่าวเตือนภัยใหม่มาที่นี่ หยุดรับได้ทุกเมื่อด้วย /unsubscribe
unsubscribed = หยุดส่งข่าวเตือนภัยแล้วค่ะ หากต้องการรับอีกครั้ง พิมพ์ /subscribe

## สถานะในมุมมองของเจ้าหน้าที่ (รหัสตรงกับ occ_core::Status::code)

officer-status-received = รับเรื่องแล้ว รอตรวจสอบ
officer-status-screening = กำลังตรวจสอบ
officer-status-need_info = รอข้อมูลจากผู้ร้องเรียน
officer-status-forwarded = ส่งต่อแล้ว ยังไม่เริ่มดำเนินการ
officer-status-in_progress = หน่วยงานกำลังดำเนินการ
officer-status-resolved = ดำเนินการเสร็จแล้ว
officer-status-rejected = ไม่รับเรื่อง
officer-status-withdrawn = ผู้ร้องเรียนถอนเรื่อง
officer-status-duplicate = เรื่องซ้ำ
