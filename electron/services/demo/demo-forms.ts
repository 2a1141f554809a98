import type { IntakeForm, VehicleType } from '../../contract/schemas';
import { intakeChannels } from '../../contract/schemas';
import { utcIsoToLocal } from '../../contract/domain/time';

// Realistic intake forms for training and benchmarks, from a seeded generator (the same seed gives the
// same reports). Names and numbers are invented.

function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const ROADS = [
  'Phan Đình Phùng', 'Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Huệ', 'Bà Triệu', 'Trần Phú', 'Hùng Vương', 'Ngô Quyền',
  'Nguyễn Trãi', 'Lý Thường Kiệt', 'Quang Trung', 'Phạm Văn Đồng', 'Đống Đa', 'Ure', 'Bạch Đằng', 'Duy Tân',
  'Trường Chinh', 'Tôn Đức Thắng', 'Võ Nguyên Giáp', 'Nguyễn Văn Cừ', 'Hai Bà Trưng', 'Lê Duẩn', 'Đào Duy Từ',
  'Quốc lộ 14', 'Quốc lộ 24', 'Quốc lộ 1A', 'Quốc lộ 4B', 'Tỉnh lộ 671', 'Đường tránh thành phố', 'Lê Hồng Phong',
];
const COLOURS = ['trắng', 'đen', 'đỏ', 'xanh', 'bạc', 'vàng', 'xám', 'nâu'];
const BRANDS: Record<string, string[]> = {
  car: ['Toyota Vios', 'Hyundai Accent', 'Kia Morning', 'Mazda 3', 'VinFast VF5', 'Ford Ranger'],
  truck: ['Hino', 'Isuzu', 'Thaco Ollin', 'Howo', 'Dongfeng'],
  coach: ['Thaco Mobihome', 'Hyundai Universe', 'Samco'],
  motorbike: ['Honda Wave', 'Honda Vision', 'Yamaha Exciter', 'Honda SH', 'Yamaha Sirius'],
};
const STORIES: Record<string, string[]> = {
  red_light: ['Xe vượt đèn đỏ tại nút giao, suýt va chạm người đi bộ.', 'Nhiều xe cố tình vượt đèn đỏ giờ tan tầm.'],
  one_way: ['Xe đi ngược chiều trên đường một chiều.', 'Đi ngược chiều để tránh ùn tắc.'],
  reckless: ['Nhóm thanh niên lạng lách, đánh võng, rú ga.', 'Xe chạy tốc độ cao, lạng lách giữa dòng xe.'],
  wrong_parking: ['Ô tô đỗ dưới lòng đường gây ùn tắc.', 'Xe dừng đỗ trên vỉa hè trước cổng trường.'],
  no_helmet: ['Người điều khiển và người ngồi sau không đội mũ bảo hiểm.'],
  truck_overload: ['Xe tải chở quá tải làm hư hỏng mặt đường.', 'Xe ben chở đất đá vượt tải trọng.'],
  spilling_load: ['Xe chở cát không che phủ, để rơi vãi ra đường.'],
  extended_bed: ['Xe tải có dấu hiệu cơi nới thành thùng.'],
  coach_overcapacity: ['Xe khách chở quá số người, khách đứng chật lối đi.'],
  wrong_pickup: ['Xe khách dừng đón trả khách dọc đường.'],
  prohibited_road: ['Xe tải đi vào đường cấm giờ cao điểm.'],
};
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thị Hà', 'Đức Hùng', 'Thu Lan', 'Văn Nam', 'Thị Oanh', 'Hữu Phúc'];
const PLATE_SERIES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'S', 'T', 'U', 'V', 'X'];

export interface DemoOptions {
  seed: number;
  /** Instants are spread over the days before `until`. */
  until: Date;
  days: number;
  communes: { code: string; provinceCode: string }[];
}

export function* demoForms(count: number, opts: DemoOptions): Generator<IntakeForm> {
  const g = generator(opts.seed);
  const stories = Object.keys(STORIES);
  const plateProvinces = ['82', '76', '12', '29', '30', '43', '51'];
  for (let i = 0; i < count; i++) {
    const received = new Date(opts.until.getTime() - g.next() * opts.days * 86_400_000);
    const occurred = new Date(received.getTime() - g.int(180) * 60_000);
    const violation = g.pick(stories);
    const vehicleType: VehicleType = g.pick(['car', 'car', 'truck', 'coach', 'motorbike', 'motorbike', 'motorbike'] as const);
    const motorbike = vehicleType === 'motorbike';
    const province = g.pick(plateProvinces);
    const digits = String(10000 + g.int(90000));
    const plate = motorbike
      ? `${province}-${g.pick(PLATE_SERIES)}${1 + g.int(9)} ${digits.slice(0, 3)}.${digits.slice(3)}`
      : `${province}${g.pick(PLATE_SERIES)}-${digits.slice(0, 3)}.${digits.slice(3)}`;
    const commune = g.pick(opts.communes);
    const anonymous = g.next() < 0.3;
    const family = g.pick(SURNAMES);
    const brandKey = vehicleType in BRANDS ? vehicleType : 'car';
    const ongoing = g.next() < 0.05;
    yield {
      channel: g.pick(intakeChannels),
      receivedAt: utcIsoToLocal(received),
      hotline: '',
      callerPhone: `09${String(10_000_000 + g.int(89_999_999))}`,
      violationCodes: [violation],
      occurredAt: utcIsoToLocal(occurred),
      occurredApprox: g.next() < 0.3,
      ongoing,
      location: {
        road: g.pick(ROADS), houseNumber: g.next() < 0.5 ? String(1 + g.int(300)) : '',
        intersection: g.next() < 0.3 ? `ngã tư ${g.pick(ROADS)}` : '', kmMarker: '',
        provinceCode: commune.provinceCode, communeCode: commune.code, gps: '', callerWords: '',
      },
      vehicles: [{
        plate, vehicleType, colour: g.pick(COLOURS), brand: g.pick(BRANDS[brandKey]!), features: '',
        ownerName: '', driverName: '',
      }],
      description: g.pick(STORIES[violation]!),
      reporter: {
        anonymous,
        fullName: anonymous ? '' : `${family} ${g.pick(GIVEN)}`,
        birthYear: anonymous ? '' : String(1960 + g.int(45)),
        cccd: anonymous ? '' : `0${String(10 + g.int(86)).padStart(2, '0')}${g.int(2)}${String(g.int(100)).padStart(2, '0')}${String(g.int(1_000_000)).padStart(6, '0')}`,
        address: anonymous ? '' : `Tổ ${1 + g.int(20)}, ${g.pick(ROADS)}`,
        phone: anonymous ? '' : `09${String(10_000_000 + g.int(89_999_999))}`,
        wantsFeedback: !anonymous && g.next() < 0.5,
      },
    };
  }
}
